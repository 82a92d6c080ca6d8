package io.scopecloud.testing;

import static java.util.Objects.requireNonNull;

/** A brand-new, empty database that belongs to one test; run the migrations on it yourself. */
public record TestDatabase(String name, String jdbcUrl, String user, String password) {
    public TestDatabase {
        requireNonNull(name, "name is null");
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
    }
}
