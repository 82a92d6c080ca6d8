package io.scopecloud.testing;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;
import static java.util.Objects.requireNonNull;

import io.scopecloud.infra.embedded.EmbeddedPostgres;
import io.scopecloud.infra.embedded.EmbeddedServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embedded servers in {@code <work>/slot-N}, where N is the first slot no other JVM holds (failsafe
 * may run several forks on one work directory). The PostgreSQL cluster is reused across runs, which
 * saves initdb, and the databases earlier runs created are dropped; Kafka starts from an empty log.
 */
final class EmbeddedSlot implements Servers {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedSlot.class);
    private static final int MAX_SLOTS = 32;

    private final EmbeddedServers servers;
    private final FileChannel slotLock;

    private EmbeddedSlot(EmbeddedServers servers, FileChannel slotLock) {
        this.servers = requireNonNull(servers, "servers is null");
        this.slotLock = requireNonNull(slotLock, "slotLock is null");
    }

    static EmbeddedSlot start(Path work, String databasePrefix) throws IOException {
        Files.createDirectories(work);
        for (int slot = 0; slot < MAX_SLOTS; slot++) {
            FileChannel channel = FileChannel.open(work.resolve("slot-" + slot + ".lock"), CREATE, WRITE);
            if (!tryLock(channel)) {
                channel.close();
                continue;
            }
            try {
                Path root = work.resolve("slot-" + slot);
                log.info("Starting embedded PostgreSQL and Kafka in {}", root);
                deleteRecursively(root.resolve("kafka"));
                EmbeddedServers servers = EmbeddedServers.start(root, 0, 0);
                dropDatabases(servers.postgres(), databasePrefix);
                return new EmbeddedSlot(servers, channel);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }
        throw new IOException("all " + MAX_SLOTS + " slots in " + work + " are taken by other JVMs");
    }

    private static boolean tryLock(FileChannel channel) throws IOException {
        try {
            FileLock lock = channel.tryLock();
            return lock != null; // held until the channel closes
        } catch (OverlappingFileLockException e) {
            return false;
        }
    }

    private static void dropDatabases(EmbeddedPostgres postgres, String prefix) {
        try (Connection connection = DriverManager.getConnection(
                        postgres.jdbcUrl("postgres"), postgres.user(), postgres.password());
                Statement statement = connection.createStatement()) {
            List<String> leftovers = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database")) {
                while (rows.next()) {
                    if (rows.getString(1).startsWith(prefix)) {
                        leftovers.add(rows.getString(1));
                    }
                }
            }
            for (String database : leftovers) {
                statement.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
            }
            if (!leftovers.isEmpty()) {
                log.info("Dropped {} databases left by earlier test runs", leftovers.size());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop old test databases", e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public String jdbcUrlPrefix() {
        return servers.postgres().jdbcUrl("");
    }

    @Override
    public String user() {
        return servers.postgres().user();
    }

    @Override
    public String password() {
        return servers.postgres().password();
    }

    @Override
    public String bootstrapServers() {
        return servers.kafka().bootstrapServers();
    }

    @Override
    public void createTopic(String name, int partitions) {
        servers.kafka().createTopic(name, partitions);
    }

    @Override
    public boolean containers() {
        return false;
    }

    @Override
    public void close() {
        try {
            servers.close();
        } finally {
            try {
                slotLock.close();
            } catch (IOException e) {
                log.debug("Could not release the slot lock", e);
            }
        }
    }
}
