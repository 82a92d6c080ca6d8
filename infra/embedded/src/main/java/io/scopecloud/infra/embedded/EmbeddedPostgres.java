package io.scopecloud.infra.embedded;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's binaries) whose data lives in a directory of ours, so the
 * standalone install keeps its data across restarts and tests run against the same server as
 * production.
 *
 * <p>The server trusts connections on loopback (zonky runs {@code initdb -A trust}): the user is
 * {@code postgres} and any password is accepted. It listens on localhost only.
 */
public final class EmbeddedPostgres implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

    /** zonky's system property for where it unpacks binaries and scans for old data directories. */
    static final String ZONKY_WORKING_DIR_PROPERTY = "ot.epg.working-dir";

    private static final String SUPERUSER = "postgres";
    private static final String DUPLICATE_DATABASE = "42P04";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(30);
    private static final int START_ATTEMPTS = 2;

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final Path dataDir;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, Path dataDir) {
        this.server = requireNonNull(server, "server is null");
        this.dataDir = requireNonNull(dataDir, "dataDir is null");
    }

    /**
     * Starts (initdb on first use) a real PostgreSQL server with its data in dataDir; port 0 = pick a
     * free one, and a port already in use is replaced by a free one (logged).
     *
     * <p>Binaries are unpacked next to the data, in {@code <dataDir>-runtime}, unless {@code
     * -Dot.epg.working-dir} says otherwise; never in /tmp.
     */
    public static EmbeddedPostgres start(Path dataDir, int port) throws IOException {
        requireNonNull(dataDir, "dataDir is null");
        Path dir = dataDir.toAbsolutePath().normalize();
        long started = System.nanoTime();
        new PostgresDataDirectory(dir, Path.of("/proc")).prepare();
        boolean fresh = !Files.exists(dir.resolve("postgresql.conf"));
        IOException failure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int chosen = Ports.choose("PostgreSQL", attempt == 1 ? port : 0);
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres server =
                    builder(dir, chosen).start();
            try {
                verifyServes(server, dir);
            } catch (IOException e) {
                log.warn("PostgreSQL on port {} is not ours ({}); retrying on another port", chosen, e.getMessage());
                server.close();
                failure = e;
                continue;
            }
            log.info(
                    "PostgreSQL ready on port {} with {} data in {} after {} ms",
                    chosen,
                    fresh ? "new" : "existing",
                    dir,
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            return new EmbeddedPostgres(server, dir);
        }
        throw failure;
    }

    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder builder(Path dir, int port) {
        // zonky reads its working directory from a system property when the builder is created and
        // otherwise uses /tmp/embedded-pg; set it for that instant unless the user chose one.
        synchronized (EmbeddedPostgres.class) {
            String userChoice = System.getProperty(ZONKY_WORKING_DIR_PROPERTY);
            Path workingDir = userChoice != null ? Path.of(userChoice).toAbsolutePath() : runtimeDir(dir);
            if (workingDir.normalize().equals(dir.getParent())) {
                throw new IllegalArgumentException(ZONKY_WORKING_DIR_PROPERTY
                        + " must not be the data directory's parent: zonky would delete the data as stale");
            }
            System.setProperty(ZONKY_WORKING_DIR_PROPERTY, workingDir.toString());
            try {
                return io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                        .setOverrideWorkingDirectory(workingDir.toFile())
                        .setPgBinaryResolver(new FirstPostgresBinaries())
                        .setDataDirectory(dir)
                        .setCleanDataDirectory(false)
                        .setPort(port)
                        .setPGStartupWait(STARTUP_WAIT)
                        .setLocaleConfig("locale", "C")
                        .setServerConfig("listen_addresses", "localhost");
            } finally {
                if (userChoice == null) {
                    System.clearProperty(ZONKY_WORKING_DIR_PROPERTY);
                }
            }
        }
    }

    /**
     * Where zonky unpacks binaries. Not the data directory's parent itself: zonky deletes any
     * unlocked subdirectory of its working directory whose {@code epg-lock} is older than ten
     * minutes, which would be our data after a restart.
     */
    static Path runtimeDir(Path dataDir) {
        return dataDir.resolveSibling(dataDir.getFileName() + "-runtime");
    }

    /** A port taken between our check and the server's bind could connect zonky to someone else's server. */
    private static void verifyServes(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, Path dir)
            throws IOException {
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW data_directory")) {
            rows.next();
            Path served = Path.of(rows.getString(1));
            if (!Files.isSameFile(served, dir)) {
                throw new IOException("the server on port " + server.getPort() + " serves " + served);
            }
        } catch (SQLException e) {
            throw new IOException("cannot query the server on port " + server.getPort(), e);
        }
    }

    /** e.g. {@code jdbc:postgresql://localhost:5432/scope}. */
    public String jdbcUrl(String database) {
        requireNonNull(database, "database is null");
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    public String user() {
        return SUPERUSER;
    }

    /** Empty: the server trusts loopback connections. */
    public String password() {
        return "";
    }

    public int port() {
        return server.getPort();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** CREATE DATABASE if absent; safe to call concurrently. */
    public void createDatabase(String name) {
        requireNonNull(name, "name is null");
        if (name.isEmpty() || name.length() > 63) {
            throw new IllegalArgumentException("database name must have 1 to 63 characters: " + name);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), user(), password())) {
            if (exists(connection, name)) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + quoteIdentifier(name));
                log.info("Created database {}", name);
            }
        } catch (SQLException e) {
            if (DUPLICATE_DATABASE.equals(e.getSQLState())) {
                return;
            }
            throw new IllegalStateException("could not create database " + name, e);
        }
    }

    private static boolean exists(Connection connection, String database) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            statement.setString(1, database);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** Clean shutdown ({@code pg_ctl stop -m fast}); the data stays. */
    @Override
    public void close() {
        long started = System.nanoTime();
        try {
            server.close();
            log.info(
                    "PostgreSQL on port {} stopped in {} ms",
                    port(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        } catch (IOException e) {
            log.warn("PostgreSQL on port {} did not stop cleanly", port(), e);
        }
    }
}
