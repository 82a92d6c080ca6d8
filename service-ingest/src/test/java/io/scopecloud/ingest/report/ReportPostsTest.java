package io.scopecloud.ingest.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportPostsTest {
    @Test
    void isAPostToApiReportWithOrWithoutSlashes() {
        assertThat(ReportPosts.isReportPost("POST", "api/report")).isTrue();
        assertThat(ReportPosts.isReportPost("POST", "/api/report")).isTrue();
        assertThat(ReportPosts.isReportPost("POST", "/api/report/")).isTrue();
    }

    @Test
    void isNotAnotherMethodOrPath() {
        assertThat(ReportPosts.isReportPost("GET", "api/report")).isFalse();
        assertThat(ReportPosts.isReportPost("POST", "api/reports")).isFalse();
        assertThat(ReportPosts.isReportPost("POST", "api")).isFalse();
        assertThat(ReportPosts.isReportPost("POST", "/")).isFalse();
    }
}
