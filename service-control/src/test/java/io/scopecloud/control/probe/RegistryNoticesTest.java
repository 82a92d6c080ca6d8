package io.scopecloud.control.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class RegistryNoticesTest {
    @Test
    void aProbesNoticeNamesItsOrgAndId() {
        UUID org = UUID.randomUUID();
        assertThat(RegistryNotices.parse(RegistryNotices.of(org, "3b0a37194325fdbc:x.y_z-1")))
                .contains(new ProbeKey(org, "3b0a37194325fdbc:x.y_z-1"));
    }

    @Test
    void everythingAndAnythingUnknownMeanEveryProbe() {
        assertThat(RegistryNotices.parse(RegistryNotices.EVERYTHING)).isEmpty();
        assertThat(RegistryNotices.parse("not-a-uuid p")).isEmpty();
        assertThat(RegistryNotices.parse(UUID.randomUUID() + " ")).isEmpty();
        assertThat(RegistryNotices.parse(" p")).isEmpty();
        assertThat(RegistryNotices.parse("")).isEmpty();
    }
}
