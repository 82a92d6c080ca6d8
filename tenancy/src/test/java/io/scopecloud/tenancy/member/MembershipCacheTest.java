package io.scopecloud.tenancy.member;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.tenancy.access.Role;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MembershipCacheTest {
    private final UUID user = UUID.randomUUID();
    private final Membership member = new Membership(UUID.randomUUID(), "acme-1234", "Acme", Role.MEMBER, false);
    private final AtomicInteger reads = new AtomicInteger();

    private Optional<Membership> read(Optional<Membership> answer) {
        reads.incrementAndGet();
        return answer;
    }

    @Test
    void aMembershipIsReadOnceThenKeptWhateverTheCaseOfTheOrgId() {
        MembershipCache cache = new MembershipCache(Duration.ofMinutes(1));

        assertThat(cache.get("acme-1234", user, () -> read(Optional.of(member))))
                .hasValue(member);
        assertThat(cache.get("ACME-1234", user, () -> read(Optional.empty()))).hasValue(member);
        assertThat(reads).hasValue(1);
    }

    @Test
    void noMembershipIsNeverKeptSoSomeoneWhoJustJoinedIsLetIn() {
        MembershipCache cache = new MembershipCache(Duration.ofMinutes(1));

        assertThat(cache.get("acme-1234", user, () -> read(Optional.empty()))).isEmpty();
        assertThat(cache.get("acme-1234", user, () -> read(Optional.of(member))))
                .hasValue(member);
        assertThat(reads).hasValue(2);
    }

    @Test
    void forgettingMakesTheNextRequestReadAgain() {
        MembershipCache cache = new MembershipCache(Duration.ofMinutes(1));
        cache.get("acme-1234", user, () -> read(Optional.of(member)));

        cache.forgetAll();

        assertThat(cache.get("acme-1234", user, () -> read(Optional.empty()))).isEmpty();
        assertThat(reads).hasValue(2);
    }

    @Test
    void aZeroLifetimeKeepsNothing() {
        MembershipCache cache = new MembershipCache(Duration.ZERO);
        cache.get("acme-1234", user, () -> read(Optional.of(member)));
        cache.get("acme-1234", user, () -> read(Optional.of(member)));
        assertThat(reads).hasValue(2);
    }
}
