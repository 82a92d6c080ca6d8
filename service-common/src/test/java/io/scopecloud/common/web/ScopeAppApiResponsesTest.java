package io.scopecloud.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScopeAppApiResponsesTest {
    @Test
    void coversScopesAppRoutesOnly() {
        assertThat(ScopeAppApiResponses.isScopeAppApi("api/app/acme/api")).isTrue();
        assertThat(ScopeAppApiResponses.isScopeAppApi("/api/app/acme/api/topology/hosts"))
                .isTrue();
        assertThat(ScopeAppApiResponses.isScopeAppApi("api/app/acme/api/control/p/n/c"))
                .isTrue();
        assertThat(ScopeAppApiResponses.isScopeAppApi("api/orgs/acme/tokens")).isFalse();
        assertThat(ScopeAppApiResponses.isScopeAppApi("api/app/acme/apix")).isFalse();
        assertThat(ScopeAppApiResponses.isScopeAppApi("api/report")).isFalse();
    }
}
