package io.scopecloud.query.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.report.Node;
import io.scopecloud.report.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The in-place merge ({@link RenderNode#absorb}, used by {@link JoinResults#add} and {@link
 * Nodes#merge}) gives exactly what Scope's copying {@code Node.Merge} ({@link RenderNode#merge})
 * gives: the same values, and the children in the same order with the same instances.
 */
class RenderNodeMergeTest {
    private static final Instant T0 = Instant.parse("2026-12-06T00:00:00Z");
    private static final String HOST_ID = "h1;<host>";

    @Test
    void absorbPutsTheMergedInNodesChildrenFirstAndKeepsTheExistingValueOfAChildOnBothSides() {
        Object owner = new Object();
        RenderNode existing = RenderNode.make(HOST_ID, "host", owner);
        RenderNode a = child("a");
        RenderNode b = child("b");
        RenderNode c = child("c");
        existing.addChild(owner, a);
        existing.addChild(owner, b);
        existing.addChild(owner, c);
        Object other = new Object();
        RenderNode m = RenderNode.make(HOST_ID, "host", other);
        RenderNode d = child("d");
        RenderNode bAgain = child("b");
        m.addChild(other, d);
        m.addChild(other, bAgain);

        existing.absorb(owner, m);
        existing.settle(owner);

        assertThat(existing.children()).extracting(RenderNode::id).containsExactly("d", "b", "a", "c");
        assertThat(existing.children()).element(1).isSameAs(b);
        assertThat(m.merge(copyWithChildren(owner, a, b, c), new Object()).children())
                .containsExactly(d, b, a, c);
    }

    @Test
    void absorbAfterAbsorbKeepsTheOrderOfAChainOfMerges() {
        Object owner = new Object();
        RenderNode acc = RenderNode.make(HOST_ID, "host", owner);
        acc.addChild(owner, child("x"));
        List<RenderNode> added = new ArrayList<>();
        for (String[] ids : new String[][] {{"p1", "x"}, {"p2"}, {"p3", "p1"}}) {
            Object o = new Object();
            RenderNode m = RenderNode.make(HOST_ID, "host", o);
            for (String id : ids) {
                m.addChild(o, child(id));
            }
            added.add(m);
            acc.absorb(owner, m);
        }
        acc.settle(owner);

        // p3.merge(p2.merge(p1.merge(x))): the newest node's children first, the oldest values kept.
        assertThat(acc.children()).extracting(RenderNode::id).containsExactly("p3", "p1", "p2", "x");
        assertThat(acc.children())
                .element(1)
                .isSameAs(added.get(0).children().iterator().next());
    }

    @Test
    void absorbGivesWhatMergeGivesOverManyRandomSteps() {
        for (int seed = 0; seed < 200; seed++) {
            Random random = new Random(seed);
            String topology = seed % 2 == 0 ? "host" : "container";
            List<RenderNode> nodes = new ArrayList<>();
            for (int i = 0; i < 2 + random.nextInt(8); i++) {
                nodes.add(randomNode(random, topology, i));
            }
            RenderNode expected = nodes.get(0);
            for (RenderNode m : nodes.subList(1, nodes.size())) {
                expected = m.merge(expected, new Object());
            }
            Object owner = new Object();
            RenderNode actual = nodes.get(0).copy(owner);
            for (RenderNode m : nodes.subList(1, nodes.size())) {
                actual.absorb(owner, m);
            }
            actual.settle(owner);
            assertSameContent(actual, expected, "seed " + seed);
        }
    }

    @Test
    void joinResultsAddMergesNodesMappedToOneIdAsAChainOfMerges() {
        Random random = new Random(42);
        List<RenderNode> mapped = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            mapped.add(randomNode(random, "host", i));
        }
        JoinResults join = new JoinResults(T0);
        RenderNode expected = null;
        for (int i = 0; i < mapped.size(); i++) {
            join.add("in" + i, mapped.get(i));
            expected = expected == null ? mapped.get(i) : mapped.get(i).merge(expected, new Object());
        }
        Nodes out = join.result(Nodes.EMPTY);

        assertThat(out.nodes()).containsOnlyKeys(HOST_ID);
        assertSameContent(out.nodes().get(HOST_ID), expected, "join");
    }

    @Test
    void nodesMergeOfAReduceGivesWhatMergeGivesAndLeavesItsInputsAlone() {
        Random random = new Random(7);
        List<RenderNode> parts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            parts.add(randomNode(random, "host", i));
        }
        List<List<RenderNode>> before = new ArrayList<>();
        for (RenderNode p : parts) {
            before.add(List.copyOf(p.children()));
        }
        Object owner = new Object();
        Nodes out = Nodes.EMPTY;
        RenderNode expected = null;
        List<RenderNode> unsettled = new ArrayList<>();
        for (RenderNode p : parts) {
            out = out.merge(new Nodes(Map.of(HOST_ID, p), 0), owner, unsettled);
            expected = expected == null ? p : p.merge(expected, new Object());
        }
        assertThat(unsettled).containsExactly(out.nodes().get(HOST_ID));
        unsettled.forEach(n -> n.settle(owner));

        assertSameContent(out.nodes().get(HOST_ID), expected, "reduce");
        for (int i = 0; i < parts.size(); i++) {
            assertThat(parts.get(i).children()).containsExactlyElementsOf(before.get(i));
        }
    }

    private static void assertSameContent(RenderNode actual, RenderNode expected, String what) {
        assertThat(actual.id()).as(what).isEqualTo(expected.id());
        assertThat(actual.topology()).as(what).isEqualTo(expected.topology());
        assertThat(actual.latest()).as(what).isEqualTo(expected.latest());
        assertThat(actual.sets()).as(what).isEqualTo(expected.sets());
        assertThat(actual.parents()).as(what).isEqualTo(expected.parents());
        assertThat(actual.metrics()).as(what).isEqualTo(expected.metrics());
        assertThat(actual.adjacency()).as(what).isEqualTo(expected.adjacency());
        List<RenderNode> actualChildren = List.copyOf(actual.children());
        List<RenderNode> expectedChildren = List.copyOf(expected.children());
        assertThat(actualChildren).as(what).hasSameSizeAs(expectedChildren);
        for (int i = 0; i < expectedChildren.size(); i++) {
            assertThat(actualChildren.get(i)).as(what + ", child " + i).isSameAs(expectedChildren.get(i));
        }
    }

    /** A node of {@code topology} with a few random latest values, sets, parents, metrics, edges and children. */
    private static RenderNode randomNode(Random random, String topology, int n) {
        Node.Builder b = Node.builder(HOST_ID, topology);
        for (int i = 0; i < random.nextInt(6); i++) {
            b.latest("k" + random.nextInt(5), T0.plusSeconds(random.nextInt(3)), "v" + n + "-" + i);
        }
        if (random.nextBoolean()) {
            b.latest(Keys.ACTIVE_CONTROLS, T0.plusSeconds(random.nextInt(3)), "c" + random.nextInt(3) + ";c" + n);
        }
        for (int i = 0; i < random.nextInt(3); i++) {
            b.set("s" + random.nextInt(2), "x" + random.nextInt(4), "y" + random.nextInt(4));
            b.parent("container", "p" + random.nextInt(4));
            b.adjacent("a" + random.nextInt(6));
        }
        if (random.nextBoolean()) {
            b.metric(
                    "cpu" + random.nextInt(2),
                    0,
                    random.nextInt(100),
                    new Sample(T0.plusSeconds(random.nextInt(3)), random.nextInt(10)),
                    new Sample(T0.plusSeconds(3 + random.nextInt(3)), random.nextInt(10)));
        }
        RenderNode node = RenderNode.of(HOST_ID, b.build());
        int children = random.nextInt(6);
        if (children == 0) {
            return node;
        }
        Object owner = new Object();
        RenderNode owned = node.copy(owner);
        for (int i = 0; i < children; i++) {
            owned.addChild(owner, child("c" + random.nextInt(12)));
        }
        return owned;
    }

    private static RenderNode child(String id) {
        return RenderNode.bare(id, "process");
    }

    private static RenderNode copyWithChildren(Object owner, RenderNode... children) {
        RenderNode n = RenderNode.make(HOST_ID, "host", owner);
        for (RenderNode c : children) {
            n.addChild(owner, c);
        }
        return n;
    }
}
