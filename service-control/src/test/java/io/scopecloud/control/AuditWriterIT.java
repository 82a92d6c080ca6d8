package io.scopecloud.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scopecloud.control.audit.AuditEntry;
import io.scopecloud.control.audit.AuditWriter;
import io.scopecloud.control.rpc.Outcome;
import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.access.Role;
import io.scopecloud.testing.TestDatabase;
import io.scopecloud.testing.TestInfrastructure;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link AuditWriter} on a real PostgreSQL (migrated by the control service): entries queued faster than they are
 * written go in batches, one transaction each, and every org's entries are numbered 1, 2, 3… in the order they were
 * written, with their fields as given; a batch with an entry that cannot be written keeps the others.
 */
class AuditWriterIT {
    private static TestDatabase db;
    private static ControlTestApp app;
    private static Jdbi jdbi;
    private static TestOrg one;
    private static TestOrg two;

    @BeforeAll
    static void start() {
        db = TestInfrastructure.shared().newDatabase();
        app = ControlTestApp.start(db); // migrates the schema
        Tenancy tenancy = TestOrg.tenancy(db);
        jdbi = tenancy.jdbi();
        one = TestOrg.create(tenancy, "Audit one");
        two = TestOrg.create(tenancy, "Audit two");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void writesQueuedEntriesInBatchesNumberedPerOrgInOrder() throws Exception {
        AuditWriter writer = new AuditWriter(jdbi, new ObjectMapper(), 10_000);
        writer.start();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID member = one.as(Role.MEMBER).userId();
        for (int i = 0; i < 600; i++) {
            TestOrg org = i % 3 == 0 ? two : one;
            writer.write(new AuditEntry(
                    org.id(),
                    at.plusMillis(i),
                    "user:" + member,
                    i % 2 == 0 ? member : null,
                    "probe",
                    "node-" + i,
                    "docker_stop_container",
                    i % 5 == 0 ? Map.of("i", Integer.toString(i)) : null,
                    i % 7 == 0 ? Outcome.FAILED : Outcome.OK,
                    i % 7 == 0 ? "failed <" + i + ">" : null,
                    i));
        }
        writer.stop();

        for (TestOrg org : List.of(one, two)) {
            List<Map<String, Object>> rows = jdbi.withHandle(h -> h.createQuery(
                            "SELECT number, node_id, user_id, args::text AS args, outcome, error, duration_ms, at"
                                    + " FROM audit_log WHERE org_id = :org ORDER BY number")
                    .bind("org", org.id())
                    .mapToMap()
                    .list());
            assertThat(rows).hasSize(org.equals(two) ? 200 : 400);
            int previous = -1;
            for (int n = 0; n < rows.size(); n++) {
                Map<String, Object> row = rows.get(n);
                assertThat(row.get("number")).as("numbered without gaps").isEqualTo((long) n + 1);
                int i = Integer.parseInt(row.get("node_id").toString().substring("node-".length()));
                assertThat(i).as("in the order written").isGreaterThan(previous);
                previous = i;
                assertThat(row.get("user_id")).isEqualTo(i % 2 == 0 ? member : null);
                assertThat(row.get("args")).isEqualTo(i % 5 == 0 ? "{\"i\": \"" + i + "\"}" : null);
                assertThat(row.get("outcome")).isEqualTo(i % 7 == 0 ? "failed" : "ok");
                assertThat(row.get("error")).isEqualTo(i % 7 == 0 ? "failed <" + i + ">" : null);
                assertThat(row.get("duration_ms")).isEqualTo(i);
                assertThat(((java.sql.Timestamp) row.get("at")).toInstant()).isEqualTo(at.plusMillis(i));
            }
        }
    }

    @Test
    void anEntryThatCannotBeWrittenDoesNotLoseTheOthersOfItsBatch() throws Exception {
        TestOrg org = TestOrg.create(TestOrg.tenancy(db), "Audit three");
        AuditWriter writer = new AuditWriter(jdbi, new ObjectMapper(), 10_000);
        writer.start();
        for (int i = 0; i < 50; i++) {
            UUID orgId = i == 25 ? UUID.randomUUID() : org.id(); // no such org: a foreign key violation
            writer.write(new AuditEntry(
                    orgId, Instant.now(), "token:x", null, "p", "n" + i, "c", null, Outcome.OK, null, 1));
        }
        writer.stop();

        long written = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM audit_log WHERE org_id = :org")
                .bind("org", org.id())
                .mapTo(Long.class)
                .one());
        assertThat(written).isEqualTo(49);
    }

    @Test
    void aSteadyStreamOfCallsIsWrittenInAFewTransactions() throws Exception {
        TestOrg org = TestOrg.create(TestOrg.tenancy(db), "Audit four");
        AuditWriter writer = new AuditWriter(jdbi, new ObjectMapper(), 10_000);
        writer.start();
        int entries = 50;
        for (int i = 0; i < entries; i++) {
            writer.write(new AuditEntry(
                    org.id(), Instant.now(), "token:x", null, "p", "n" + i, "c", null, Outcome.OK, null, 1));
            Thread.sleep(20); // a call every 20 ms: 1 s in all
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (count(org) < entries && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(count(org)).as("all written while the writer runs").isEqualTo(entries);
        // about one per linger (100 ms and the write) rather than one per call (50)
        assertThat(writer.batches()).isBetween(1L, 15L);
        writer.stop();
    }

    private static long count(TestOrg org) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM audit_log WHERE org_id = :org")
                .bind("org", org.id())
                .mapTo(Long.class)
                .one());
    }
}
