package io.scopecloud.query.detail;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One sample of a metric in node details; {@code date} is RFC 3339 with Go's trimmed nanoseconds. */
public record MetricSample(@JsonProperty("date") String date, @JsonProperty("value") double value) {}
