package io.scopecloud.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopologyTypeTest {
    @Test
    void everyTypeIsFoundByItsNameAndReportKey() {
        for (TopologyType t : TopologyType.values()) {
            assertThat(TopologyType.fromTopologyName(t.topologyName())).contains(t);
            assertThat(TopologyType.fromReportKey(t.reportKey())).contains(t);
        }
        assertThat(TopologyType.fromTopologyName("no-such-topology")).isEmpty();
        assertThat(TopologyType.fromReportKey("NoSuchTopology")).isEmpty();
    }

    @Test
    void aLookupAllocatesNothing() {
        // summaries look up every parent topology of every node they render
        assertThat(TopologyType.fromTopologyName("host")).isSameAs(TopologyType.fromTopologyName("host"));
        assertThat(TopologyType.fromReportKey("Host")).isSameAs(TopologyType.fromReportKey("Host"));
    }
}
