package io.scopecloud.query.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.query.owner.Ownership;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class HeldPartitionsTest {
    private static UUID orgOn(int partition) {
        while (true) {
            UUID org = UUID.randomUUID();
            if (Ownership.partition(org, 4) == partition) {
                return org;
            }
        }
    }

    @Test
    void anOrgIsHeldOnlyOnceItsPartitionIsRebuiltAndUntilItIsRevoked() {
        HeldPartitions held = new HeldPartitions();
        UUID onOne = orgOn(1);
        UUID onTwo = orgOn(2);
        assertThat(held.holds(onOne)).isFalse();

        held.assigned(List.of(1, 2), 4);
        assertThat(held.holds(onOne)).isFalse();
        assertThat(held.allRebuilt()).isFalse();

        held.rebuilt(1);
        assertThat(held.holds(onOne)).isTrue();
        assertThat(held.holds(onTwo)).isFalse();
        held.rebuilt(2);
        assertThat(held.allRebuilt()).isTrue();

        held.revoked(List.of(2));
        assertThat(held.holds(onOne)).isTrue();
        assertThat(held.holds(onTwo)).isFalse();
    }

    @Test
    void revocationTellsListenersWhichOrgsMovedAway() {
        HeldPartitions held = new HeldPartitions();
        List<Predicate<UUID>> told = new ArrayList<>();
        held.onRevoked(told::add);
        held.assigned(List.of(0, 3), 4);
        held.rebuilt(0);

        held.revoked(List.of(3));

        assertThat(told).hasSize(1);
        assertThat(told.get(0).test(orgOn(3))).isTrue();
        assertThat(told.get(0).test(orgOn(0))).isFalse();
    }

    @Test
    void aPartitionNotBeingRebuiltIsNotHeldWhenReportedRebuilt() {
        HeldPartitions held = new HeldPartitions();
        held.assigned(List.of(0), 4);
        held.revoked(List.of(0));

        held.rebuilt(0);

        assertThat(held.holds(orgOn(0))).isFalse();
    }
}
