package io.scopecloud.control;

import io.scopecloud.testing.TestDatabase;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Reads the control registry directly, to wait for a probe's connection to be recorded. */
final class Registry {
    private final Jdbi jdbi;

    Registry(TestDatabase db) {
        this.jdbi = Jdbi.create(db.jdbcUrl(), db.user(), db.password());
    }

    Optional<String> instanceUrlOf(UUID org, String probeId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT instance_url FROM probe_connections WHERE org_id = :org AND probe_id = :probe")
                .bind("org", org)
                .bind("probe", probeId)
                .mapTo(String.class)
                .findOne());
    }

    /** Waits until the probe is recorded as connected at {@code base}. */
    void awaitAt(UUID org, String probeId, String base) throws InterruptedException {
        String expected = base.replace("localhost", "127.0.0.1");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!instanceUrlOf(org, probeId).filter(expected::equals).isPresent()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "probe " + probeId + " not registered at " + expected + ": " + instanceUrlOf(org, probeId));
            }
            Thread.sleep(20);
        }
    }

    void awaitGone(UUID org, String probeId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (instanceUrlOf(org, probeId).isPresent()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("probe " + probeId + " still registered");
            }
            Thread.sleep(20);
        }
    }

    /** Makes a probe id's claim look {@code age} old. */
    void backdateClaim(UUID org, String probeId, Duration age) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE probe_claims SET claimed_at = now() - make_interval(secs => :secs)"
                        + " WHERE org_id = :org AND probe_id = :probe")
                .bind("secs", (double) age.toSeconds())
                .bind("org", org)
                .bind("probe", probeId)
                .execute());
    }

    /** Ends every control instance's connection that hears the registry's notices, as a database restart would. */
    int terminateListeners() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))"
                        + " FROM pg_stat_activity WHERE application_name = :name AND datname = current_database()")
                .bind("name", ControlBundle.LISTENER_NAME)
                .mapTo(Integer.class)
                .one());
    }

    long auditCount(UUID org) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM audit_log WHERE org_id = :org")
                .bind("org", org)
                .mapTo(Long.class)
                .one());
    }
}
