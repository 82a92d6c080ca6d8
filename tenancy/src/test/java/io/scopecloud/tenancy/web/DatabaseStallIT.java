package io.scopecloud.tenancy.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.scopecloud.tenancy.web.PortalClient.Reply;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 6: with PostgreSQL stalled, session and portal calls hung for over 40 s. Here a
 * real PostgreSQL is stalled for the portal by another connection holding an ACCESS EXCLUSIVE
 * lock on the sessions table; with the default timeouts the call answers 503 with Retry-After
 * well before a client gives up (the test client waits 30 s), and works again once the lock goes.
 */
class DatabaseStallIT {
    /** The default statement timeout (10 s) plus room for a busy machine. */
    private static final Duration BOUND = Duration.ofSeconds(20);

    @Test
    void aStalledStatementAnswers503WithRetryAfterAndTheServiceRecovers() throws Exception {
        try (PortalServer server = new PortalServer(ConfigOverride.config("tenancy.sessionCacheTtl", "0s"))) {
            PortalClient alice = server.owner("Stalled Org");
            try (Handle locker = server.jdbi.open()) {
                locker.begin();
                locker.execute("LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE");

                long start = System.nanoTime();
                Reply stalled = alice.get("/api/session");
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(stalled.status()).as(stalled.toString()).isEqualTo(503);
                assertThat(stalled.raw().headers().firstValue("Retry-After")).hasValue("5");
                assertThat(stalled.text("message")).contains("unavailable").contains("retry in 5 s");
                assertThat(took).isLessThan(BOUND);
                locker.rollback();
            }
            assertThat(alice.get("/api/session").status()).isEqualTo(200);
        }
    }

    /** With every pooled connection stuck, the next call waits for one only 5 s, then answers 503. */
    @Test
    void anExhaustedPoolAnswers503WithRetryAfter() throws Exception {
        try (PortalServer server = new PortalServer(
                ConfigOverride.config("tenancy.sessionCacheTtl", "0s"),
                ConfigOverride.config("database.initialSize", "2"),
                ConfigOverride.config("database.minSize", "2"),
                ConfigOverride.config("database.maxSize", "2"))) { // Flyway needs two at start-up
            PortalClient alice = server.owner("Busy Org");
            String org = PortalServer.orgOf(alice);
            try (Handle locker = server.jdbi.open()) {
                locker.begin();
                locker.execute("LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE");
                CompletableFuture<Reply> first = CompletableFuture.supplyAsync(() -> alice.get("/api/session"));
                CompletableFuture<Reply> second = CompletableFuture.supplyAsync(() -> alice.get("/api/session"));
                awaitQueriesWaitingOnALock(server, 2);

                long start = System.nanoTime();
                Reply refused = server.anonymous().login("nobody@example.org", "quiet lantern orbit");
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
                assertThat(refused.raw().headers().firstValue("Retry-After")).hasValue("5");
                assertThat(took).isLessThan(BOUND);
                locker.rollback();
                assertThat(first.get().status()).isIn(200, 503);
                assertThat(second.get().status()).isIn(200, 503);
            }
            assertThat(alice.get("/api/orgs/" + org + "/members").status()).isEqualTo(200);
        }
    }

    private static void awaitQueriesWaitingOnALock(PortalServer server, int count) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            int waiting = server.jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM pg_stat_activity"
                            + " WHERE wait_event_type = 'Lock' AND datname = current_database()")
                    .mapTo(Integer.class)
                    .one());
            if (waiting >= count) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the portal's queries never started waiting on the lock");
    }
}
