package io.scopecloud.control.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.NotFoundException;
import org.junit.jupiter.api.Test;

class InternalSecretTest {
    @Test
    void acceptsOnlyTheExactSecret() {
        InternalSecret secret = InternalSecret.of("s3cret");
        assertThat(secret.matches("s3cret")).isTrue();
        assertThat(secret.matches("s3cre")).isFalse();
        assertThat(secret.matches("S3cret")).isFalse();
        assertThat(secret.matches(null)).isFalse();
        assertThatCode(() -> secret.require("s3cret")).doesNotThrowAnyException();
        assertThatThrownBy(() -> secret.require("nope")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void makesUpAnUnguessableOneWhenNoneIsConfigured() {
        InternalSecret a = InternalSecret.of(null);
        InternalSecret b = InternalSecret.of("  ");
        assertThat(a.value()).hasSizeGreaterThan(40).isNotEqualTo(b.value());
        assertThat(a.matches("")).isFalse();
        assertThat(a.toString()).doesNotContain(a.value());
    }
}
