package io.scopecloud.infra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Directories for integration tests under target/it-work (failsafe sets scopecloud.test.work). */
final class ItWork {
    private ItWork() {}

    /** An empty directory {@code <work>/<name>}; its siblings (such as unpacked binaries) are kept. */
    static Path emptyDir(String name) {
        Path dir = Path.of(System.getProperty("scopecloud.test.work", "target/it-work"))
                .toAbsolutePath()
                .resolve(name);
        deleteRecursively(dir);
        return dir;
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
