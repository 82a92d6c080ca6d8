package io.scopecloud.query.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What {@link FastReads} takes itself and what it leaves to Jersey (its header rules: {@code JerseyHeaderRulesTest}). */
class FastReadsTest {
    @Test
    void readsTheOrgOnlyWhenItIsPlain() {
        assertThat(FastReads.orgOf("/api/app/abc-def/api/topology")).isEqualTo("abc-def");
        assertThat(FastReads.orgOf("/api/app/abc-def/api")).isEqualTo("abc-def");
        assertThat(FastReads.orgOf("/api/app/ab%2Fc/api")).isNull();
        assertThat(FastReads.orgOf("/api/app/ab;x=1/api")).isNull();
        assertThat(FastReads.orgOf("/api/app//api")).isNull();
        assertThat(FastReads.orgOf("/api/app/abc")).isNull();
    }
}
