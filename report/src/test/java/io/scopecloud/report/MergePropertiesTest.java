package io.scopecloud.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Scope's merge is associative and commutative, and idempotent except for {@code Window} and {@code Sampling}
 * (sums). The merged ID is a cache key (as in Scope), so properties compare reports without it.
 */
class MergePropertiesTest {
    @Provide
    Arbitrary<Report> reports() {
        return Generators.reports();
    }

    @Provide
    Arbitrary<Node> nodes() {
        return Generators.nodes("n", "process");
    }

    @Property(tries = 300)
    void nodeMergeIsCommutative(@ForAll("nodes") Node a, @ForAll("nodes") Node b) {
        assertThat(a.merge(b)).isEqualTo(b.merge(a));
    }

    @Property(tries = 300)
    void nodeMergeIsAssociative(@ForAll("nodes") Node a, @ForAll("nodes") Node b, @ForAll("nodes") Node c) {
        assertThat(a.merge(b).merge(c)).isEqualTo(a.merge(b.merge(c)));
    }

    @Property(tries = 300)
    void nodeMergeIsIdempotent(@ForAll("nodes") Node a) {
        assertThat(a.merge(a)).isEqualTo(a);
    }

    @Property(tries = 200)
    void reportMergeIsCommutative(@ForAll("reports") Report a, @ForAll("reports") Report b) {
        assertThat(a.merge(b)).isEqualTo(b.merge(a));
    }

    @Property(tries = 200)
    void reportMergeIsAssociative(
            @ForAll("reports") Report a, @ForAll("reports") Report b, @ForAll("reports") Report c) {
        assertThat(a.merge(b).merge(c).withId("")).isEqualTo(a.merge(b.merge(c)).withId(""));
    }

    @Property(tries = 200)
    void reportMergeIsIdempotentExceptForSums(@ForAll("reports") Report a) {
        Report twice = a.merge(a);

        assertThat(twice.windowNanos()).isEqualTo(2 * a.windowNanos());
        assertThat(twice.sampling()).isEqualTo(a.sampling().merge(a.sampling()));
        assertThat(twice.withId(a.id()).withWindowNanos(a.windowNanos()).withSampling(a.sampling()))
                .isEqualTo(a.withShortcut(false));
    }

    @Property(tries = 100)
    void mergeAllEqualsAFold(@ForAll("reports") Report a, @ForAll("reports") Report b, @ForAll("reports") Report c) {
        Report folded = Report.empty().merge(a).merge(b).merge(c);

        assertThat(Report.mergeAll(List.of(c, a, b)).withId("")).isEqualTo(folded.withId(""));
    }

    @Property(tries = 100)
    void emptyIsANeutralElementExceptForShortcutAndId(@ForAll("reports") Report a) {
        assertThat(a.merge(Report.empty()).withId(a.id())).isEqualTo(a.withShortcut(false));
    }
}
