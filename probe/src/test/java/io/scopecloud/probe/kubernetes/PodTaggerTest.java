package io.scopecloud.probe.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.TopologyType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The host role ties the container collector's containers to their pods, as Scope's tagger does. */
class PodTaggerTest {
    private static final Instant NOW = Instant.parse("2026-12-06T00:00:00Z");
    private final PodTagger tagger = new PodTagger(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aKubeletContainerGetsItsPodAsParentAndThePauseContainerMakesNoConnections() {
        Report report = Report.builder()
                .node(
                        TopologyType.CONTAINER,
                        Node.builder("app1;<container>", "container")
                                .latest(PodTagger.POD_UID_LABEL, NOW, "7dfd3608-95bd-570a-9bad-6df031c56997")
                                .parent("container_image", "img1;<container_image>")
                                .build())
                .node(
                        TopologyType.CONTAINER,
                        Node.builder("pause1;<container>", "container")
                                .latest(PodTagger.POD_UID_LABEL, NOW, "7dfd3608-95bd-570a-9bad-6df031c56997")
                                .parent("container_image", "pause;<container_image>")
                                .build())
                .node(
                        TopologyType.CONTAINER,
                        Node.builder("plain;<container>", "container").build())
                .node(
                        TopologyType.CONTAINER_IMAGE,
                        Node.builder("img1;<container_image>", "container_image")
                                .latest(PodTagger.IMAGE_NAME, NOW, "ghcr.io/example/shop-frontend:2.4.1")
                                .build())
                .node(
                        TopologyType.CONTAINER_IMAGE,
                        Node.builder("pause;<container_image>", "container_image")
                                .latest(PodTagger.IMAGE_NAME, NOW, "registry.k8s.io/pause:3.9")
                                .build())
                .build();

        Report tagged = tagger.apply(report);

        var containers = tagged.topology(TopologyType.CONTAINER).nodes();
        assertThat(containers.get("app1;<container>").parents().get("pod"))
                .isEqualTo(List.of("7dfd3608-95bd-570a-9bad-6df031c56997;<pod>"));
        assertThat(containers.get("app1;<container>").latest()).doesNotContainKey(PodTagger.DOES_NOT_MAKE_CONNECTIONS);
        assertThat(containers.get("pause1;<container>").latest()).containsKey(PodTagger.DOES_NOT_MAKE_CONNECTIONS);
        assertThat(containers.get("plain;<container>").parents()).doesNotContainKey("pod");
    }

    @Test
    void aReportWithoutKubeletContainersIsLeftAsItIs() {
        Report report = Report.builder()
                .node(
                        TopologyType.CONTAINER,
                        Node.builder("plain;<container>", "container").build())
                .build();
        assertThat(tagger.apply(report)).isSameAs(report);
    }
}
