package io.scopecloud.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

/**
 * The two images (and the Debian base they are built on), built once per test JVM by {@code infra/images/build} (as an operator would; the
 * Debian base is cached across runs, podman's layers across builds).
 */
record Images(String service, String probe, String base) {
    private static Images built;

    static synchronized Images build() throws Exception {
        if (built == null) {
            Command result = Command.run(
                    Repo.root(),
                    Duration.ofMinutes(20),
                    Repo.root().resolve("infra/images/build").toString());
            assertThat(result.exit()).as(result.output()).isZero();
            List<String> names = result.output()
                    .lines()
                    .filter(l -> l.startsWith("localhost/scope-cloud"))
                    .toList();
            assertThat(names).as(result.output()).hasSize(2);
            // already built by now: prints its name
            Command base = Command.run(
                    Repo.root(),
                    Duration.ofMinutes(1),
                    Repo.root().resolve("infra/images/build-base").toString());
            assertThat(base.exit()).as(base.output()).isZero();
            built = new Images(names.get(0), names.get(1), base.output().trim());
        }
        return built;
    }
}
