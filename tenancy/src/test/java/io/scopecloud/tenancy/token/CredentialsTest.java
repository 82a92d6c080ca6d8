package io.scopecloud.tenancy.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialsTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Scope-Probe token=scp_abc|scp_abc",
                "scope-probe   token=scp_abc |scp_abc",
                "Bearer scp_abc|scp_abc",
                "bearer scp_abc|scp_abc"
            })
    void readsTheHeaderFormsProbesSend(String header, String token) {
        assertThat(Credentials.tokenFrom(header)).contains(token);
    }

    @ParameterizedTest
    @ValueSource(strings = {"user:scp_abc", "scp_abc:", "scp_abc"})
    void readsTheTokenFromBasicAuth(String userInfo) {
        String header = "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        assertThat(Credentials.tokenFrom(header)).contains("scp_abc");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"Scope-Probe", "Scope-Probe token=", "Bearer ", "Basic !!!", "Digest abc"})
    void findsNothingInAnythingElse(String header) {
        assertThat(Credentials.tokenFrom(header)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void ignoresOverlongHeaders() {
        assertThat(Credentials.tokenFrom("Bearer " + "x".repeat(2000))).isEmpty();
    }
}
