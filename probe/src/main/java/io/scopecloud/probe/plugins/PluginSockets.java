package io.scopecloud.probe.plugins;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds plugin sockets under the plugins root (recursively, following symlinks like Scope's
 * {@code stat}-based walk) and derives a plugin's ID from its socket's name.
 */
public final class PluginSockets {
    private static final Pattern VALID_ID = Pattern.compile("^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$");
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private PluginSockets() {}

    /** Every UNIX socket under {@code root}, sorted by path; empty if the root does not exist. */
    public static List<Path> find(Path root) throws IOException {
        List<Path> sockets = new ArrayList<>();
        if (!Files.exists(root)) {
            return sockets;
        }
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), 32, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isOther() && isSocket(file)) {
                    sockets.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // a symlink loop, an unreadable entry, or one removed while walking: skip it, as Scope does
                return FileVisitResult.CONTINUE;
            }
        });
        sockets.sort(null);
        return sockets;
    }

    static boolean isSocket(Path file) {
        try {
            Object mode = Files.getAttribute(file, "unix:mode");
            return mode instanceof Integer m && (m & S_IFMT) == S_IFSOCK;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The plugin ID: the socket's base name without its extension ({@code iowait/iowait.sock} gives
     * {@code iowait}), if it matches Scope's {@code ^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$}.
     */
    public static Optional<String> pluginId(Path socket) {
        String base = socket.getFileName().toString();
        int dot = base.lastIndexOf('.');
        String id = dot < 0 ? base : base.substring(0, dot);
        return VALID_ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }
}
