package io.scopecloud.infra.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The standalone install's JVM is killed (SIGKILL); the next start must get its data back. */
class CrashRecoveryIT {

    @Test
    void recoversBothServersAfterTheJvmWasKilled() throws Exception {
        // Empty data, but keep the unpacked binaries (<root>/postgres-runtime) from earlier runs.
        Path root = ItWork.emptyDir("crash-it/postgres").getParent();
        ItWork.emptyDir("crash-it/kafka");
        String[] ready = runChildUntilReadyThenKill(root);
        int postgresPort = Integer.parseInt(ready[1]);
        int kafkaPort = Integer.parseInt(ready[2].substring("localhost:".length()));

        // pg_ctl daemonizes the server, so it outlived the JVM that started it.
        long orphan = PostgresDataDirectory.postmasterPid(
                        Files.readAllLines(root.resolve("postgres").resolve("postmaster.pid")))
                .orElseThrow();
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).contains(true);

        try (EmbeddedServers servers = EmbeddedServers.start(root, postgresPort, kafkaPort)) {
            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse();
            assertThat(servers.postgres().port()).isEqualTo(postgresPort);
            assertThat(orgNames(servers.postgres())).containsExactly("before-crash");
            assertThat(KafkaRecords.readAll(servers.kafka().bootstrapServers(), "scope.reports", 1))
                    .containsExactly("before-crash");
        } finally {
            // Never leave a server behind when the test fails, and never kill a process that reused the pid.
            ProcessHandle.of(orphan)
                    .filter(process -> process.info()
                            .command()
                            .map(command -> command.endsWith("/postgres"))
                            .orElse(false))
                    .ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static String[] runChildUntilReadyThenKill(Path root) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashingStandalone.class.getName(),
                        root.toString())
                .redirectErrorStream(true)
                .start();
        try {
            CompletableFuture<String[]> ready = CompletableFuture.supplyAsync(() -> awaitReady(child));
            return ready.get(90, TimeUnit.SECONDS);
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no clean close
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String[] awaitReady(Process child) {
        try (BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                System.out.println("[child] " + line);
                if (line.startsWith("READY ")) {
                    return line.split(" ");
                }
            }
            throw new IllegalStateException("child exited before it was ready");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> orgNames(EmbeddedPostgres postgres) throws Exception {
        try (Connection connection =
                        DriverManager.getConnection(postgres.jdbcUrl("scope"), postgres.user(), postgres.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT name FROM org")) {
            rows.next();
            return List.of(rows.getString(1));
        }
    }
}
