package io.scopecloud.probe.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FdLinksTest {
    @Test
    void answersBySocketAtAnFdInAnyOrderOfReading() {
        FdLinks links = new FdLinks(new int[] {7, 0, 3, 99}, new long[] {70821, 0, 12, 0}, 3);

        assertThat(links.count()).isEqualTo(3);
        assertThat(links.socketAt(7)).isEqualTo(70821);
        assertThat(links.socketAt(3)).isEqualTo(12);
        assertThat(links.socketAt(0)).isZero(); // open, not a socket
        assertThat(links.socketAt(99)).isEqualTo(-1); // beyond count: not taken
        assertThat(links.socketAt(5)).isEqualTo(-1);
        assertThat(links.holdsSocket()).isTrue();
    }

    @Test
    void knowsAProcessWithoutSockets() {
        FdLinks links = new FdLinks(new int[] {0, 1, 2}, new long[] {0, 0, 0}, 3);

        assertThat(links.holdsSocket()).isFalse();
        assertThat(links.socketAt(1)).isZero();
    }
}
