package io.scopecloud.tenancy.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.tenancy.org.Org;
import io.scopecloud.tenancy.org.OrgDao;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The token cache's timing, with PostgreSQL replaced by DAOs that answer (or stall) as told. */
class ProbeTokensCacheTest {
    private static final Duration TTL = Duration.ofSeconds(10);
    private static final String SECRET = "scp_cache_test";

    private final Org org = new Org(UUID.randomUUID(), "ext-1", "Acme", Instant.EPOCH);
    private final ProbeToken token =
            new ProbeToken(org.id(), UUID.randomUUID(), "laptop", "scp_cache_te", Instant.EPOCH, null, null);
    private final AtomicLong nanos = new AtomicLong(1);
    private final AtomicInteger lookups = new AtomicInteger();
    private volatile boolean revoked;
    private volatile CountDownLatch stall = new CountDownLatch(0);
    private final CountDownLatch lookupStarted = new CountDownLatch(2);
    private final ExecutorService refreshes = Executors.newSingleThreadExecutor();
    private final ProbeTokens tokens = new ProbeTokens(
            Jdbi.create("jdbc:postgresql://localhost:1/unused"),
            tokenDao(),
            orgDao(),
            Clock.systemUTC(),
            TTL,
            nanos::get,
            refreshes);

    @AfterEach
    void stop() {
        stall.countDown();
        refreshes.shutdownNow();
    }

    @Test
    void aTokenInUseIsCheckedAgainInTheBackgroundWhileItsRequestsGetTheCachedAnswer() throws Exception {
        assertThat(tokens.authenticate(SECRET)).isPresent();
        stall = new CountDownLatch(1);
        revoked = true;
        nanos.addAndGet(TTL.dividedBy(2).toNanos() + 1);

        CompletableFuture<Optional<ProbePrincipal>> during =
                CompletableFuture.supplyAsync(() -> tokens.authenticate(SECRET));

        assertThat(during.get(5, TimeUnit.SECONDS))
                .as("answered from the cache while PostgreSQL is slow")
                .isPresent();
        assertThat(lookupStarted.await(5, TimeUnit.SECONDS))
                .as("the check runs meanwhile")
                .isTrue();

        stall.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (tokens.authenticate(SECRET).isPresent()) {
            assertThat(System.nanoTime())
                    .as("the revocation bites once checked")
                    .isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void aTokenNobodyPresentedForTheWholeLifetimeIsCheckedWhileItsRequestWaits() {
        assertThat(tokens.authenticate(SECRET)).isPresent();
        revoked = true;
        nanos.addAndGet(TTL.toNanos() + 1);

        assertThat(tokens.authenticate(SECRET)).isEmpty();
        assertThat(lookups).hasValue(2);
    }

    @Test
    void withinHalfItsLifetimeAnAnswerIsNotCheckedAgain() {
        tokens.authenticate(SECRET);
        nanos.addAndGet(TTL.dividedBy(2).toNanos() - 1);

        tokens.authenticate(SECRET);

        assertThat(lookups).hasValue(1);
    }

    private ProbeTokenDao tokenDao() {
        return fake(ProbeTokenDao.class, (method, args) -> switch (method) {
            case "findByHash" -> {
                lookups.incrementAndGet();
                lookupStarted.countDown();
                try {
                    stall.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                yield revoked ? Optional.empty() : Optional.of(token);
            }
            case "touch" -> null;
            default -> throw new UnsupportedOperationException(method);
        });
    }

    private OrgDao orgDao() {
        return fake(OrgDao.class, (method, args) -> {
            if (method.equals("find")) {
                return Optional.of(org);
            }
            throw new UnsupportedOperationException(method);
        });
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T fake(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(
                type.getClassLoader(),
                new Class<?>[] {type},
                (proxy, method, args) -> answer.answer(method.getName(), args)));
    }
}
