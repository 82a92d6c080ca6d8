package io.scopecloud.packaging;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout under test: {@code -Dscopecloud.repo} (set by the build), else found upwards. */
final class Repo {
    private Repo() {}

    static Path root() {
        String configured = System.getProperty("scopecloud.repo");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("scope-cloud"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("run from the Scope Cloud checkout, or set -Dscopecloud.repo");
        }
        return dir;
    }
}
