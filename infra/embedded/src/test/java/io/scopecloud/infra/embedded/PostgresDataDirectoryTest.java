package io.scopecloud.infra.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scopecloud.infra.embedded.PostgresDataDirectory.PidOwner;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresDataDirectoryTest {
    private static final Path DATA = Path.of("/var/lib/scope/postgres");

    @TempDir
    Path temp;

    @Test
    void readsThePidFromTheFirstLine() {
        assertThat(PostgresDataDirectory.postmasterPid(List.of("4242", "/var/lib/scope/postgres", "1700000000")))
                .isEqualTo(OptionalLong.of(4242));
        assertThat(PostgresDataDirectory.postmasterPid(List.of(" 17 "))).isEqualTo(OptionalLong.of(17));
    }

    @Test
    void findsNoPidInAnEmptyOrGarbledFile() {
        assertThat(PostgresDataDirectory.postmasterPid(List.of())).isEmpty();
        assertThat(PostgresDataDirectory.postmasterPid(List.of("garbage"))).isEmpty();
        assertThat(PostgresDataDirectory.postmasterPid(List.of("0"))).isEmpty();
    }

    @Test
    void recognisesAnOrphanedPostmasterOfThisDirectory() {
        List<String> args = List.of("/opt/pg/bin/postgres", "-D", "/var/lib/scope/postgres/", "-p", "5432");

        assertThat(PostgresDataDirectory.classify(DATA, args)).isEqualTo(PidOwner.ORPHANED_POSTMASTER);
    }

    @Test
    void treatsAPostmasterOfAnotherDirectoryAsUnrelated() {
        List<String> args = List.of("/opt/pg/bin/postgres", "-D", "/srv/other", "-p", "5432");

        assertThat(PostgresDataDirectory.classify(DATA, args)).isEqualTo(PidOwner.UNRELATED);
    }

    @Test
    void treatsOtherProgramsAndZombiesAsUnrelated() {
        assertThat(PostgresDataDirectory.classify(DATA, List.of("/usr/bin/java", "-D", DATA.toString())))
                .isEqualTo(PidOwner.UNRELATED);
        assertThat(PostgresDataDirectory.classify(DATA, List.of())).isEqualTo(PidOwner.UNRELATED);
    }

    @Test
    void splitsProcCmdline() {
        byte[] raw = "postgres\0-D\0/data\0".getBytes(UTF_8);

        assertThat(PostgresDataDirectory.splitNulSeparated(raw)).containsExactly("postgres", "-D", "/data");
    }

    @Test
    void createsAMissingDirectory() throws IOException {
        Path data = temp.resolve("postgres");

        new PostgresDataDirectory(data, temp.resolve("proc")).prepare();

        assertThat(Files.isDirectory(data)).isTrue();
    }

    @Test
    void setsAsideWhatAnInterruptedInitdbLeft() throws IOException {
        Path data = Files.createDirectories(temp.resolve("postgres"));
        Files.writeString(data.resolve("PG_VERSION"), "17\n");

        new PostgresDataDirectory(data, temp.resolve("proc")).prepare();

        assertThat(listNames(data)).isEmpty();
        assertThat(listNames(temp)).anyMatch(name -> name.startsWith("postgres.incomplete-"));
    }

    @Test
    void removesAPidFileOfAnUnrelatedLiveProcess() throws IOException {
        Path data = cluster(4242);
        fakeProcess(4242, "/usr/bin/bash\0");

        new PostgresDataDirectory(data, temp.resolve("proc")).prepare();

        assertThat(Files.exists(data.resolve("postmaster.pid"))).isFalse();
    }

    @Test
    void leavesThePidFileOfADeadProcessToPostgres() throws IOException {
        Path data = cluster(4242);

        new PostgresDataDirectory(data, temp.resolve("proc")).prepare();

        assertThat(Files.exists(data.resolve("postmaster.pid"))).isTrue();
    }

    @Test
    void refusesADirectoryLockedByALiveOwner() throws IOException {
        Path data = cluster(4242);
        try (FileChannel channel = FileChannel.open(
                        data.resolve(PostgresDataDirectory.LOCK_FILE),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            assertThatThrownBy(() -> new PostgresDataDirectory(data, temp.resolve("proc")).prepare())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already in use");
        }
    }

    private Path cluster(long pid) throws IOException {
        Path data = Files.createDirectories(temp.resolve("postgres"));
        Files.writeString(data.resolve("postgresql.conf"), "");
        Files.writeString(data.resolve("postmaster.pid"), pid + "\n" + data + "\n");
        return data;
    }

    private void fakeProcess(long pid, String cmdline) throws IOException {
        Path process = Files.createDirectories(temp.resolve("proc").resolve(Long.toString(pid)));
        Files.writeString(process.resolve("cmdline"), cmdline);
    }

    private static List<String> listNames(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(path -> path.getFileName().toString()).toList();
        }
    }
}
