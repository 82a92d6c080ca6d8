package io.scopecloud.report.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scopecloud.report.TopologyType;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class NodeIdsTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "vm;127.0.0.1;4040       | vm    | 127.0.0.1 | 4040",
                ";10.0.0.5;443           |       | 10.0.0.5  | 443",
                "vm-4026531833;127.0.0.1;4041 | vm-4026531833 | 127.0.0.1 | 4041",
                "h;::1;22                | h     | ::1       | 22",
            })
    void parsesEndpointIds(String id, String scope, String ip, int port) {
        String s = scope == null ? "" : scope;
        assertThat(NodeIds.parseEndpointId(id)).contains(new EndpointId(s, ip, port));
        assertThat(NodeIds.makeEndpointId(s, ip, port)).isEqualTo(id);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"no-delimiter", "one;delimiter", "h;1.2.3.4;port", "h;1.2.3.4;70000", "h;1.2.3.4;"})
    void rejectsBadEndpointIds(String id) {
        assertThat(NodeIds.parseEndpointId(id)).isEmpty();
    }

    @Test
    void scopesEndpointsLikeTheProbe() {
        assertThat(NodeIds.endpointScope("h", "4026531833", "127.0.0.1", false)).isEqualTo("h-4026531833");
        assertThat(NodeIds.endpointScope("h", "", "127.0.0.1", false)).isEqualTo("h");
        assertThat(NodeIds.endpointScope("h", "", "172.17.0.2", true)).isEqualTo("h");
        assertThat(NodeIds.endpointScope("h", "", "10.0.0.5", false)).isEmpty();
    }

    @Test
    void makesAndParsesAddressProcessAndHostIds() {
        assertThat(NodeIds.makeAddressId("", "10.0.0.5")).isEqualTo(";10.0.0.5");
        assertThat(NodeIds.parseAddressId(";10.0.0.5")).contains(new AddressId("", "10.0.0.5"));
        assertThat(NodeIds.makeProcessId("vm", 16071)).isEqualTo("vm;16071");
        assertThat(NodeIds.parseProcessId("vm;16071")).contains(new ProcessId("vm", 16071));
        assertThat(NodeIds.parseProcessId("vm;x")).isEmpty();
        assertThat(NodeIds.parseProcessId("vm")).isEmpty();
        assertThat(NodeIds.makeHostId("vm")).isEqualTo("vm;<host>");
        assertThat(NodeIds.parseHostId("vm;<host>")).contains("vm");
        assertThat(NodeIds.parseHostId("vm;<container>")).isEmpty();
    }

    static Stream<Arguments> singleComponent() {
        return Stream.of(
                single(NodeIds::makeContainerId, NodeIds::parseContainerId, "abc;<container>"),
                single(NodeIds::makeContainerImageId, NodeIds::parseContainerImageId, "sha256:1;<container_image>"),
                single(NodeIds::makePodId, NodeIds::parsePodId, "uid;<pod>"),
                single(NodeIds::makeServiceId, NodeIds::parseServiceId, "uid;<service>"),
                single(NodeIds::makeDeploymentId, NodeIds::parseDeploymentId, "uid;<deployment>"),
                single(NodeIds::makeReplicaSetId, NodeIds::parseReplicaSetId, "uid;<replica_set>"),
                single(NodeIds::makeDaemonSetId, NodeIds::parseDaemonSetId, "uid;<daemonset>"),
                single(NodeIds::makeStatefulSetId, NodeIds::parseStatefulSetId, "uid;<statefulset>"),
                single(NodeIds::makeCronJobId, NodeIds::parseCronJobId, "uid;<cronjob>"),
                single(NodeIds::makeJobId, NodeIds::parseJobId, "uid;<job>"),
                single(NodeIds::makeNamespaceId, NodeIds::parseNamespaceId, "default;<namespace>"),
                single(NodeIds::makeEcsTaskId, NodeIds::parseEcsTaskId, "arn:aws:ecs:t;<ecs_task>"),
                single(NodeIds::makeSwarmServiceId, NodeIds::parseSwarmServiceId, "svc;<swarm_service>"),
                single(NodeIds::makePersistentVolumeId, NodeIds::parsePersistentVolumeId, "uid;<persistent_volume>"),
                single(
                        NodeIds::makePersistentVolumeClaimId,
                        NodeIds::parsePersistentVolumeClaimId,
                        "uid;<persistent_volume_claim>"),
                single(NodeIds::makeStorageClassId, NodeIds::parseStorageClassId, "uid;<storage_class>"),
                single(NodeIds::makeVolumeSnapshotId, NodeIds::parseVolumeSnapshotId, "uid;<volume_snapshot>"),
                single(
                        NodeIds::makeVolumeSnapshotDataId,
                        NodeIds::parseVolumeSnapshotDataId,
                        "uid;<volume_snapshot_data>"));
    }

    private static Arguments single(
            Function<String, String> make, Function<String, Optional<String>> parse, String id) {
        return Arguments.of(make, parse, id);
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("singleComponent")
    void makesAndParsesSingleComponentIds(
            Function<String, String> make, Function<String, Optional<String>> parse, String id) {
        String component = id.substring(0, id.indexOf(';'));

        assertThat(make.apply(component)).isEqualTo(id);
        assertThat(parse.apply(id)).contains(component);
        assertThat(parse.apply(component + ";<other>")).isEmpty();
        assertThat(parse.apply(component)).isEmpty();
    }

    @Test
    void tagsAreSpelledAsScopeSpellsThem() {
        assertThat(TopologyType.DAEMON_SET.idTag()).isEqualTo("daemonset");
        assertThat(TopologyType.STATEFUL_SET.idTag()).isEqualTo("statefulset");
        assertThat(TopologyType.CRON_JOB.idTag()).isEqualTo("cronjob");
        assertThat(NodeIds.parseId(TopologyType.DAEMON_SET, "u;<daemon_set>")).isEmpty();
        assertThatThrownBy(() -> NodeIds.makeId(TopologyType.PROCESS, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void makesAndParsesEcsServiceIds() {
        assertThat(NodeIds.makeEcsServiceId("prod", "web")).isEqualTo("prod;web");
        assertThat(NodeIds.parseEcsServiceId("prod;web")).contains(new EcsServiceId("prod", "web"));
        assertThat(NodeIds.parseEcsServiceId("web;<ecs_service>")).contains(new EcsServiceId("unknown", "web"));
        assertThat(NodeIds.parseEcsServiceId("web")).isEmpty();
    }

    @Test
    void makesAndParsesOverlayIds() {
        assertThat(NodeIds.makeWeaveOverlayId("12:34:56:78:9a:bc")).isEqualTo("#12:34:56:78:9a:bc");
        assertThat(NodeIds.makeDockerOverlayId("vm")).isEqualTo("#docker_peer_vm");
        assertThat(NodeIds.parseOverlayId("#docker_peer_vm")).contains(new OverlayId("docker_peer_", "vm"));
        assertThat(NodeIds.parseOverlayId("#docker_peer_vm").orElseThrow().isDocker())
                .isTrue();
        assertThat(NodeIds.parseOverlayId("#12:34")).contains(new OverlayId("", "12:34"));
        assertThat(NodeIds.parseOverlayId("12:34")).isEmpty();
    }
}
