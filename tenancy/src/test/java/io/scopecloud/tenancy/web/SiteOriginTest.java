package io.scopecloud.tenancy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SiteOriginTest {
    private final SiteOrigin site = new SiteOrigin(URI.create("https://scope.example.com/"));

    @Test
    void allowsRequestsWithoutOriginAsProbesAndSameOriginReadsSendThem() {
        assertThat(site.allows(null, "internal:8080")).isTrue();
        assertThat(site.allows("", null)).isTrue();
    }

    @Test
    void allowsTheRequestsOwnHostAndThePublicUrlsOrigin() {
        assertThat(site.allows("http://localhost:4040", "localhost:4040")).isTrue();
        assertThat(site.allows("http://LOCALHOST:4040", "localhost:4040")).isTrue();
        assertThat(site.allows("https://scope.example.com", "10.0.0.7:8080")).isTrue();
        assertThat(site.allows("https://scope.example.com:443", "10.0.0.7:8080"))
                .isTrue();
    }

    @Test
    void refusesEveryOtherOrigin() {
        assertThat(site.allows("https://evil.example", "localhost:4040")).isFalse();
        assertThat(site.allows("http://scope.example.com", "10.0.0.7:8080"))
                .as("another scheme")
                .isFalse();
        assertThat(site.allows("https://scope.example.com:8443", "10.0.0.7:8080"))
                .isFalse();
        assertThat(site.allows("http://localhost:4041", "localhost:4040")).isFalse();
        assertThat(site.allows("null", "localhost:4040")).isFalse();
        assertThat(site.allows("not a uri", "localhost:4040")).isFalse();
        assertThat(site.allows("https://evil.example", null)).isFalse();
    }
}
