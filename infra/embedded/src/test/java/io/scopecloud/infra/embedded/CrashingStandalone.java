package io.scopecloud.infra.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

/**
 * Run in a child JVM by {@link CrashRecoveryIT}: starts both servers under the given root, writes a
 * row and a record, prints {@code READY <postgres port> <kafka port>} and waits to be killed.
 */
public final class CrashingStandalone {
    private CrashingStandalone() {}

    public static void main(String[] args) throws Exception {
        EmbeddedServers servers = EmbeddedServers.start(Path.of(args[0]), 0, 0);
        EmbeddedPostgres postgres = servers.postgres();
        postgres.createDatabase("scope");
        try (Connection connection =
                        DriverManager.getConnection(postgres.jdbcUrl("scope"), postgres.user(), postgres.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE org (name text)");
            statement.execute("INSERT INTO org VALUES ('before-crash')");
        }
        servers.kafka().createTopic("scope.reports", 1);
        KafkaRecords.send(servers.kafka().bootstrapServers(), "scope.reports", List.of("before-crash"));
        System.out.println("READY " + postgres.port() + " " + servers.kafka().bootstrapServers());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
