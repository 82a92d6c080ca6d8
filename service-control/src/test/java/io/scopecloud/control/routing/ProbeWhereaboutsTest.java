package io.scopecloud.control.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.control.probe.ProbeKey;
import io.scopecloud.control.probe.ProbeLocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What is remembered of the registry, and what makes it forgotten. */
class ProbeWhereaboutsTest {
    private final ProbeWhereabouts whereabouts = new ProbeWhereabouts(Duration.ofMinutes(1), 1000);
    private final ProbeKey key = new ProbeKey(UUID.randomUUID(), "p");
    private final ProbeLocation atB = new ProbeLocation("b", "http://b", UUID.randomUUID());
    private final List<ProbeKey> reads = new ArrayList<>();

    @Test
    void remembersNothingWhileNoticesAreNotHeard() {
        Function<ProbeKey, Optional<ProbeLocation>> nowhere = registry(Optional.empty());
        whereabouts.locate(key, nowhere);
        whereabouts.locate(key, nowhere);

        assertThat(reads).hasSize(2);
    }

    @Test
    void remembersNowhereAndAnInstanceWhileNoticesAreHeard() {
        whereabouts.hearing(true);
        assertThat(whereabouts.locate(key, registry(Optional.empty()))).isEmpty();
        assertThat(whereabouts.locate(key, registry(Optional.of(atB)))).isEmpty();
        ProbeKey other = new ProbeKey(key.orgId(), "q");
        assertThat(whereabouts.locate(other, registry(Optional.of(atB)))).contains(atB);
        assertThat(whereabouts.locate(other, registry(Optional.empty()))).contains(atB);

        assertThat(reads).containsExactly(key, other);
    }

    @Test
    void aNoticeAboutTheProbeMakesTheNextCallReadTheRegistry() {
        whereabouts.hearing(true);
        whereabouts.locate(key, registry(Optional.empty()));
        whereabouts.forget(key);

        assertThat(whereabouts.locate(key, registry(Optional.of(atB)))).contains(atB);
        assertThat(reads).hasSize(2);
    }

    @Test
    void aNoticeAboutEveryProbeForgetsThemAll() {
        whereabouts.hearing(true);
        ProbeKey other = new ProbeKey(key.orgId(), "q");
        whereabouts.locate(key, registry(Optional.empty()));
        whereabouts.locate(other, registry(Optional.empty()));
        whereabouts.forgetAll();

        assertThat(whereabouts.locate(key, registry(Optional.of(atB)))).contains(atB);
        assertThat(whereabouts.locate(other, registry(Optional.of(atB)))).contains(atB);
        assertThat(reads).hasSize(4);
    }

    @Test
    void aReadOvertakenByANoticeIsNotRemembered() {
        whereabouts.hearing(true);
        // The registry answered "nowhere", but the probe connected (and its notice arrived) before the answer was kept.
        whereabouts.locate(key, k -> {
            reads.add(k);
            whereabouts.forget(new ProbeKey(k.orgId(), "anyone"));
            return Optional.empty();
        });

        assertThat(whereabouts.locate(key, registry(Optional.of(atB)))).contains(atB);
        assertThat(reads).hasSize(2);
    }

    @Test
    void losingTheNoticesForgetsEverythingAndStopsRemembering() {
        whereabouts.hearing(true);
        whereabouts.locate(key, registry(Optional.empty()));
        whereabouts.hearing(false);

        assertThat(whereabouts.locate(key, registry(Optional.of(atB)))).contains(atB);
        assertThat(whereabouts.locate(key, registry(Optional.empty()))).isEmpty();
        assertThat(reads).hasSize(3);
    }

    @Test
    void hearingAgainStartsFromNothing() {
        whereabouts.hearing(true);
        whereabouts.locate(key, registry(Optional.empty()));
        whereabouts.hearing(true); // reconnected: notices sent meanwhile were lost

        assertThat(whereabouts.locate(key, registry(Optional.of(atB)))).contains(atB);
    }

    @Test
    void aReadDuringWhichHearingStartedIsNotRemembered() {
        whereabouts.locate(key, k -> {
            reads.add(k);
            whereabouts.hearing(true); // LISTEN began while the registry was read: earlier notices were lost
            return Optional.empty();
        });

        assertThat(whereabouts.locate(key, registry(Optional.of(atB)))).contains(atB);
    }

    private Function<ProbeKey, Optional<ProbeLocation>> registry(Optional<ProbeLocation> answer) {
        return k -> {
            reads.add(k);
            return answer;
        };
    }
}
