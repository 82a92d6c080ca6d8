package io.scopecloud.probe.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Materialises a fixture /proc tree from {@code src/test/resources/proc/<name>} into a temporary
 * directory: copies the files, creates the symlinks listed in its {@code links.txt} (fd and
 * namespace links, which resources cannot hold) and drops the {@code .keep} markers of empty
 * directories.
 */
public final class ProcTree {
    private ProcTree() {}

    public static Path copy(String name, Path target) {
        URL url = ProcTree.class.getResource("/proc/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no fixture tree /proc/" + name);
        }
        try {
            Path source = Path.of(url.toURI());
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path dest = target.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(dest);
                    } else if (!file.getFileName().toString().equals(".keep")
                            && !file.getFileName().toString().equals("links.txt")) {
                        Files.copy(file, dest);
                    }
                }
            }
            Path links = source.resolve("links.txt");
            if (Files.exists(links)) {
                List<String> lines = Files.readAllLines(links, StandardCharsets.UTF_8);
                for (String line : lines) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    String[] parts = line.trim().split("\\s+", 2);
                    Path link = target.resolve(parts[0]);
                    Files.createDirectories(link.getParent());
                    Files.createSymbolicLink(link, Path.of(parts[1]));
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Adds to the {@code host-a} tree's IPv4 table a connection from 127.0.0.1:56576 to nginx's
     * port 80, socket inode 80000, whose fd link no process has yet.
     */
    public static void addHostAConnection(Path proc) throws IOException {
        Path tcp = proc.resolve("1/net/tcp");
        Files.writeString(
                tcp,
                Files.readString(tcp)
                        + "   5: 0100007F:DD00 0100007F:0050 01 00000000:00000000 00:00000000 00000000"
                        + "     0        0 80000 2 0 20 0 0 10 -1\n");
    }
}
