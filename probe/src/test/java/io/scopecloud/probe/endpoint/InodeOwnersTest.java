package io.scopecloud.probe.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InodeOwnersTest {

    @Test
    void unknownInodesHaveNoOwner() {
        InodeOwners owners = new InodeOwners(4);
        assertThat(owners.get(42)).isZero();
        assertThat(owners.get(0)).isZero();
        assertThat(owners.size()).isZero();
    }

    @Test
    void aLaterPutReplacesTheOwner() {
        InodeOwners owners = new InodeOwners(4);
        owners.put(42, 7);
        owners.put(42, 9);
        assertThat(owners.get(42)).isEqualTo(9);
        assertThat(owners.size()).isEqualTo(1);
    }

    @Test
    void inodeZeroIsAnOrdinaryKey() {
        InodeOwners owners = new InodeOwners(4);
        owners.put(0, 5);
        assertThat(owners.get(0)).isEqualTo(5);
        assertThat(owners.size()).isEqualTo(1);
    }

    @Test
    void growsBeyondItsExpectedSizeAndAgreesWithAHashMap() {
        InodeOwners owners = new InodeOwners(1);
        Map<Long, Integer> expected = new HashMap<>();
        Random random = new Random(4);
        for (int i = 0; i < 20_000; i++) {
            long inode = i % 3 == 0 ? 1_000_000L + i : random.nextLong() >>> 1; // sequential and scattered
            int pid = 1 + random.nextInt(4_000_000);
            owners.put(inode, pid);
            expected.put(inode, pid);
        }
        assertThat(owners.size()).isEqualTo(expected.size());
        expected.forEach((inode, pid) -> assertThat(owners.get(inode)).isEqualTo(pid));
        assertThat(owners.get(999_999L)).isZero();
    }

    @Test
    void pidsArePositive() {
        assertThatThrownBy(() -> new InodeOwners(4).put(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
