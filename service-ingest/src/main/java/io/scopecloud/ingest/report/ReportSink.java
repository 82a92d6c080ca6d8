package io.scopecloud.ingest.report;

import io.scopecloud.common.kafka.ReportRecord;
import java.util.concurrent.CompletionStage;

/** Where accepted reports go. The stage completes once the report is durably stored. */
public interface ReportSink {
    CompletionStage<Void> send(ReportRecord record);
}
