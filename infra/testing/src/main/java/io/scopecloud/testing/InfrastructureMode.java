package io.scopecloud.testing;

import java.util.Locale;

/** Where the servers come from; {@code -Dscopecloud.test.infra=auto|embedded|testcontainers}. */
enum InfrastructureMode {
    /** Testcontainers when a Docker engine answers, embedded otherwise. */
    AUTO,
    EMBEDDED,
    TESTCONTAINERS;

    static InfrastructureMode parse(String value) {
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "scopecloud.test.infra must be auto, embedded or testcontainers, not " + value, e);
        }
    }
}
