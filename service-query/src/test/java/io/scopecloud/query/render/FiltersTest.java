package io.scopecloud.query.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.report.Node;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scope's filter functions and what a filter does to the edges of the nodes it keeps. */
class FiltersTest {
    private static final Instant NOW = Instant.parse("2026-11-23T00:00:00Z");

    private static RenderNode container(String id, String... latest) {
        Node.Builder b = Node.builder(id, "container");
        for (int i = 0; i < latest.length; i += 2) {
            b.latest(latest[i], NOW, latest[i + 1]);
        }
        return RenderNode.of(id, b.build());
    }

    private static Nodes nodes(RenderNode... all) {
        Map<String, RenderNode> m = new HashMap<>();
        for (RenderNode n : all) {
            m.put(n.id(), n);
        }
        return new Nodes(m, 0);
    }

    @Test
    void aFilterCutsEdgesToTheNodesItRemovesAndCountsThem() {
        RenderNode a = RenderNode.of(
                "a", Node.builder("a", "container").adjacent("b").adjacent("c").build());
        RenderNode b = container("b", "docker_container_state", "exited");
        RenderNode c = container("c", "docker_container_state", "running");
        Nodes out = Filters.RUNNING.transform(nodes(a, b, c));
        assertThat(out.nodes()).containsOnlyKeys("a", "c");
        assertThat(out.nodes().get("a").adjacency()).containsExactly("c");
        assertThat(out.filtered()).isEqualTo(1);
        assertThat(a.adjacency()).as("the input is not changed").containsExactly("b", "c");
    }

    @Test
    void runningMeansRunningRestartingPausedOrNoState() {
        assertThat(Filters.RUNNING.test(container("x"))).isTrue();
        for (String state : new String[] {"running", "restarting", "paused"}) {
            assertThat(Filters.RUNNING.test(container("x", "docker_container_state", state)))
                    .as(state)
                    .isTrue();
        }
        assertThat(Filters.RUNNING.test(container("x", "docker_container_state", "exited")))
                .isFalse();
        assertThat(Filters.STOPPED.test(container("x", "docker_container_state", "exited")))
                .isTrue();
    }

    @Test
    void systemContainersByNameImageLabelAndNamespace() {
        assertThat(Filters.SYSTEM.test(container("x", "docker_container_name", "weavescope")))
                .isTrue();
        assertThat(Filters.SYSTEM.test(container("x", "docker_image_name", "weaveworks/scope:1.13")))
                .isTrue();
        assertThat(Filters.SYSTEM.test(container("x", "docker_image_name", "k8s.gcr.io/pause:3.1")))
                .isTrue();
        assertThat(Filters.SYSTEM.test(container("x", "docker_label_works.weave.role", "system")))
                .isTrue();
        assertThat(Filters.SYSTEM.test(container("x", "docker_label_io.kubernetes.pod.namespace", "kube-system")))
                .isTrue();
        assertThat(Filters.SYSTEM.test(container("x", "docker_label_io.kubernetes.docker.type", "podsandbox")))
                .isTrue();
        RenderNode app = container("x", "docker_container_name", "web", "docker_image_name", "nginx:1.25");
        assertThat(Filters.APPLICATION.test(app)).isTrue();
        assertThat(Filters.SYSTEM.test(app)).isFalse();
    }

    @Test
    void namespaceFilterReadsKubernetesThenSwarmAndNoStackForPlainDocker() {
        RenderNode pod = RenderNode.of(
                "p",
                Node.builder("p", "pod")
                        .latest("kubernetes_namespace", NOW, "shop")
                        .build());
        assertThat(Filters.namespace("shop").test(pod)).isTrue();
        assertThat(Filters.namespace("other").test(pod)).isFalse();
        RenderNode plain = container("c");
        assertThat(Filters.namespace("No stack").test(plain)).isTrue();
        assertThat(Filters.namespace("shop").test(plain)).isFalse();
    }

    @Test
    void optionFiltersLetPseudoNodesThroughButNotPseudoHide() {
        RenderNode pseudo = RenderNode.bare("pseudo:uncontained:h1", Ids.PSEUDO);
        RenderNode stopped = container("s", "docker_container_state", "exited");
        Renderer source = ctx -> nodes(pseudo, stopped);
        Nodes out = Combinators.filter(Filters.RUNNING, source)
                .render(new RenderContext(io.scopecloud.report.Report.empty(), NOW));
        assertThat(out.nodes()).containsOnlyKeys("pseudo:uncontained:h1");
        assertThat(Filters.NOT_PSEUDO.test(pseudo)).isFalse();
        assertThat(Filters.NOT_PSEUDO.test(RenderNode.bare(Ids.INCOMING_INTERNET, Ids.PSEUDO)))
                .isTrue();
    }
}
