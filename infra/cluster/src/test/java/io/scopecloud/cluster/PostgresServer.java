package io.scopecloud.cluster;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Debian's PostgreSQL server ({@code apt-get install postgresql}) run as the {@code postgres} user
 * on its own host: a fresh cluster ({@code initdb}) in a directory of the build, reached over TCP
 * with a password (scram-sha-256), a database {@value #DATABASE} owned by the role {@value #USER}.
 */
final class PostgresServer implements AutoCloseable {
    static final String DATABASE = "scope";
    static final String USER = "scope";
    static final int PORT = 5432;

    private final HostProcess server;
    private final String address;
    private final String password;

    private PostgresServer(HostProcess server, String address, String password) {
        this.server = server;
        this.address = address;
        this.password = password;
    }

    /** The directory of Debian's newest installed server, or an error naming the set-up step. */
    static Path binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.exists(root) ? Files.list(root) : Stream.empty()) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("postgres")))
                    .max(Comparator.comparing(bin ->
                            Integer.parseInt(bin.getParent().getFileName().toString())))
                    .orElseThrow(() -> new AssertionError("the cluster test needs Debian's PostgreSQL server:"
                            + " `apt-get install -y postgresql` (.ci/test installs it)"));
        } catch (IOException e) {
            throw new AssertionError("cannot list " + root, e);
        }
    }

    static PostgresServer start(NetworkHosts hosts, String host, Path work, String password) throws Exception {
        requireNonNull(password, "password is null");
        Path bin = binaries();
        String address = hosts.address(host);
        Path dir = work.resolve("postgres");
        Files.createDirectories(dir);
        Path data = dir.resolve("data");
        Path pwfile = dir.resolve("pwfile");
        Files.writeString(pwfile, password + "\n");
        Shell.run("chown", "-R", "postgres:postgres", dir.toString());
        Shell.run(
                "setpriv",
                "--reuid=postgres",
                "--regid=postgres",
                "--init-groups",
                bin.resolve("initdb").toString(),
                "-D",
                data.toString(),
                "-U",
                "postgres",
                "--auth=scram-sha-256",
                "--pwfile=" + pwfile,
                "--encoding=UTF8",
                "--locale=C");
        Files.writeString(
                data.resolve("pg_hba.conf"),
                "local all all scram-sha-256\nhost all all " + NetworkHosts.SUBNET + ".0/24 scram-sha-256\n");
        HostProcess server = new HostProcess(
                "postgres",
                host,
                List.of(
                        "setpriv",
                        "--reuid=postgres",
                        "--regid=postgres",
                        "--init-groups",
                        bin.resolve("postgres").toString(),
                        "-D",
                        data.toString(),
                        "-c",
                        "listen_addresses=" + address,
                        "-c",
                        "port=" + PORT,
                        "-c",
                        "unix_socket_directories=" + dir,
                        "-c",
                        "max_connections=200",
                        "-c",
                        "shared_buffers=32MB",
                        "-c",
                        "fsync=off",
                        "-c",
                        "synchronous_commit=off",
                        "-c",
                        "full_page_writes=off"),
                Map.of(),
                work.resolve("logs").resolve("postgres.log"));
        PostgresServer pg = new PostgresServer(server, address, password);
        try {
            server.start();
            pg.awaitUp(Duration.ofSeconds(30));
            try (Connection c = pg.connect("postgres", "postgres");
                    Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + password + "'");
                s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
            }
            return pg;
        } catch (Exception | Error e) {
            pg.close();
            throw e;
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + address + ":" + PORT + "/" + DATABASE;
    }

    String password() {
        return password;
    }

    Connection connect(String user, String database) throws SQLException {
        Properties props = new Properties();
        props.put("user", user);
        props.put("password", password);
        props.put("connectTimeout", "5");
        props.put("socketTimeout", "10");
        return DriverManager.getConnection("jdbc:postgresql://" + address + ":" + PORT + "/" + database, props);
    }

    void awaitUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("PostgreSQL exited:\n" + server.tail(30));
            }
            try (Connection c = connect("postgres", "postgres")) {
                if (c.isValid(2)) {
                    return;
                }
            } catch (SQLException e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("PostgreSQL did not answer within " + timeout + ": " + last + "\n" + server.tail(30));
    }

    /** A fast shutdown (SIGINT: sessions cut, no wait), as a restart by an operator. */
    void stop() {
        if (server.isAlive()) {
            server.signal("INT");
            if (!server.await(30)) {
                server.kill();
            }
        }
    }

    void start() throws InterruptedException {
        server.start();
        awaitUp(Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        stop();
    }
}
