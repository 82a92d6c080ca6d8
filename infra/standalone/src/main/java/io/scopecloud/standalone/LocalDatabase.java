package io.scopecloud.standalone;

import io.dropwizard.db.DataSourceFactory;
import io.scopecloud.infra.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The install's database for a command run beside (or instead of) the server: the running
 * embedded PostgreSQL when the server is up, else one started just for the command, else the
 * configured external database.
 */
final class LocalDatabase implements AutoCloseable {
    private final DataSourceFactory factory;
    private final @Nullable EmbeddedPostgres startedHere;

    private LocalDatabase(DataSourceFactory factory, @Nullable EmbeddedPostgres startedHere) {
        this.factory = factory;
        this.startedHere = startedHere;
    }

    static LocalDatabase open(StandaloneConfiguration config) throws IOException {
        DataSourceFactory factory = config.getDatabase();
        if (!config.getEmbedded().isPostgres()) {
            return new LocalDatabase(factory, null);
        }
        Path dir = config.getEmbedded().postgresDir();
        OptionalInt running = runningPort(dir);
        if (running.isPresent()) {
            factory.setUrl("jdbc:postgresql://localhost:" + running.getAsInt() + "/" + EmbeddedServers.DATABASE);
            factory.setUser("postgres");
            factory.setPassword("");
            return new LocalDatabase(factory, null);
        }
        EmbeddedPostgres pg = EmbeddedPostgres.start(dir, 0);
        pg.createDatabase(EmbeddedServers.DATABASE);
        factory.setUrl(pg.jdbcUrl(EmbeddedServers.DATABASE));
        factory.setUser(pg.user());
        factory.setPassword(pg.password());
        return new LocalDatabase(factory, pg);
    }

    DataSourceFactory dataSourceFactory() {
        return factory;
    }

    /** The port of a live postmaster of this data directory: line 4 of {@code postmaster.pid}. */
    static OptionalInt runningPort(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return OptionalInt.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.size() < 4) {
            return OptionalInt.empty();
        }
        try {
            long pid = Long.parseLong(lines.get(0).strip());
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            return alive ? OptionalInt.of(Integer.parseInt(lines.get(3).strip())) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    @Override
    public void close() {
        if (startedHere != null) {
            startedHere.close();
        }
    }
}
