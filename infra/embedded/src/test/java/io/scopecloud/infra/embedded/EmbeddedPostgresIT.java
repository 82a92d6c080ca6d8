package io.scopecloud.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresIT {

    @Test
    void keepsDataAcrossRestarts() throws Exception {
        Path dataDir = ItWork.emptyDir("postgres-it/data");
        int port;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir, 0)) {
            postgres.createDatabase("scope");
            postgres.createDatabase("scope");
            execute(postgres, "scope", "CREATE TABLE probe (id int PRIMARY KEY, host text)");
            execute(postgres, "scope", "INSERT INTO probe VALUES (1, 'alpha'), (2, 'beta')");
            port = postgres.port();
        }

        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir, port)) {
            assertThat(postgres.port()).isEqualTo(port);
            assertThat(hosts(postgres, "scope")).containsExactly("alpha", "beta");
        }
    }

    @Test
    void movesToAnotherPortWhenTheRequestedOneIsTaken() throws Exception {
        Path dataDir = ItWork.emptyDir("postgres-it/busy-port");
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir, squatter.getLocalPort())) {
                assertThat(postgres.port()).isNotEqualTo(squatter.getLocalPort());
                assertThat(postgres.jdbcUrl("postgres"))
                        .isEqualTo("jdbc:postgresql://localhost:" + postgres.port() + "/postgres");
                execute(postgres, "postgres", "SELECT 1");
            }
        }
    }

    @Test
    void startsOverAPidFileLeftByACrash() throws Exception {
        Path dataDir = ItWork.emptyDir("postgres-it/stale-pid");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir, 0)) {
            postgres.createDatabase("scope");
        }
        // After a crash and a reboot the pid in the file may belong to any live process: here, us.
        Files.writeString(
                dataDir.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + dataDir + "\n");

        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir, 0)) {
            execute(postgres, "scope", "SELECT 1");
        }
    }

    private static void execute(EmbeddedPostgres postgres, String database, String sql) throws SQLException {
        try (Connection connection =
                        DriverManager.getConnection(postgres.jdbcUrl(database), postgres.user(), postgres.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> hosts(EmbeddedPostgres postgres, String database) throws SQLException {
        try (Connection connection =
                        DriverManager.getConnection(postgres.jdbcUrl(database), postgres.user(), postgres.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT host FROM probe ORDER BY id")) {
            List<String> hosts = new ArrayList<>();
            while (rows.next()) {
                hosts.add(rows.getString(1));
            }
            return hosts;
        }
    }
}
