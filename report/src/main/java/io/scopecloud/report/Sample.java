package io.scopecloud.report;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** One metric sample; encoded as {@code {"date":time,"value":float}}. */
public record Sample(Instant date, double value) {
    public Sample {
        requireNonNull(date, "date is null");
    }
}
