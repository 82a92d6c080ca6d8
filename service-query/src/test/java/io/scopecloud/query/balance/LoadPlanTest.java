package io.scopecloud.query.balance;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.query.balance.LoadPlan.Part;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoadPlanTest {
    private static final double MIN = 1_000;
    private final LoadPlan plan = new LoadPlan(MIN);

    /** Twelve partitions p0..p11 of {@code load} each in three like orgs, p0 one org of {@code big}. */
    private static List<Part> parts(double big, double load) {
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            parts.add(i == 0 ? new Part("p0", big) : new Part("p" + i, load, load / 3));
        }
        return parts;
    }

    private static Map<String, Set<String>> split(String... firstHalf) {
        Set<String> a = new HashSet<>(List.of(firstHalf));
        Set<String> b = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            if (!a.contains("p" + i)) {
                b.add("p" + i);
            }
        }
        Map<String, Set<String>> owned = new LinkedHashMap<>();
        owned.put("a", a);
        owned.put("b", b);
        return owned;
    }

    private static void assertEveryPartitionOnce(Map<String, Set<String>> result, int partitions) {
        List<String> all = new ArrayList<>();
        result.values().forEach(all::addAll);
        assertThat(all).hasSize(partitions).doesNotHaveDuplicates();
    }

    @Test
    void aBigTenantsPartitionGetsAnInstanceOfItsOwnAndStaysWithItsOwner() {
        // p0 is 30 % of all: more than 0.4 of an instance's fair share (50 %).
        Map<String, Set<String>> owned = split("p0", "p1", "p2", "p3", "p4", "p5");
        Map<String, Set<String>> result = plan.plan(List.of("a", "b"), owned, parts(3_000, 7_000 / 11.0));
        assertThat(result.get("a")).containsExactly("p0");
        assertThat(result.get("b")).hasSize(11);
        assertEveryPartitionOnce(result, 12);
    }

    @Test
    void itStaysAloneWhileItWeighsMoreThanTheLowerShareAndLeavesBelowIt() {
        Map<String, Set<String>> owned = split("p0");
        // 14 % of all: under the 15 % that makes a partition heavy, over the 12.5 % that keeps it so.
        assertThat(plan.plan(List.of("a", "b"), owned, parts(1_400, 8_600 / 11.0))
                        .get("a"))
                .containsExactly("p0");
        // Not alone, the same weight is not heavy: the load is balanced instead.
        Map<String, Set<String>> shared = plan.plan(List.of("a", "b"), split("p0", "p1"), parts(1_400, 8_600 / 11.0));
        assertThat(shared.get("a")).contains("p0").hasSizeGreaterThan(1);
        // 10 % of all: no longer heavy, so the others come back to share its instance.
        Map<String, Set<String>> light = plan.plan(List.of("a", "b"), owned, parts(1_000, 9_000 / 11.0));
        // 14 % again, but another partition's org weighs 9 %: not twice as big, so not set apart.
        List<Part> likeSized = parts(1_400, 7_700 / 10.0);
        likeSized.add(1, new Part("p1b", 900));
        assertThat(plan.plan(List.of("a", "b"), owned, likeSized).get("a")).hasSizeGreaterThan(1);
        assertThat(light.get("a")).contains("p0").hasSizeGreaterThan(1);
        assertEveryPartitionOnce(light, 12);
    }

    @Test
    void isolationNeverLeavesTheOthersMoreThanOneAndThreeQuarterFairShares() {
        // Three instances, fair share 3,333. p0 (25 %) keeps a to itself. p1 (12 %, over the 8.3 % that
        // keeps an instance and twice any other org) would keep b as well, but c would then carry
        // 6,300: more than 1.75 fair shares (5,833).
        Map<String, Set<String>> owned = new LinkedHashMap<>();
        owned.put("a", Set.of("p0"));
        owned.put("b", Set.of("p1"));
        owned.put("c", Set.of("p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10", "p11"));
        List<Part> parts = parts(2_500, 6_300 / 10.0);
        parts.set(1, new Part("p1", 1_200));
        Map<String, Set<String>> result = plan.plan(List.of("a", "b", "c"), owned, parts);
        assertThat(result.get("a")).containsExactly("p0");
        assertThat(result.get("b")).contains("p1").hasSizeGreaterThan(1);
        assertEveryPartitionOnce(result, 12);
    }

    @Test
    void aPartitionThatSeveralSmallOrgsShareIsNotABigTenant() {
        // p0 holds one org of 2,600; p7 four orgs of 700 each (2,800 in all): p0 gets the instance.
        Map<String, Set<String>> owned = split("p0", "p1", "p2", "p3", "p4", "p5");
        List<Part> parts = parts(2_600, 4_600 / 10.0);
        parts.set(7, new Part("p7", 2_800, 700));
        Map<String, Set<String>> result = plan.plan(List.of("a", "b"), owned, parts);
        assertThat(result.get("a")).containsExactly("p0");
        assertThat(result.get("b")).contains("p7").hasSize(11);
    }

    @Test
    void belowTheMinimumLoadPartitionsAreSpreadByCountAndStayPut() {
        Map<String, Set<String>> owned = split("p0", "p1", "p2", "p3", "p4", "p5");
        Map<String, Set<String>> result = plan.plan(List.of("a", "b"), owned, parts(300, 10));
        assertThat(result).isEqualTo(owned);
        Map<String, Set<String>> joined = plan.plan(List.of("a", "b", "c"), owned, parts(300, 10));
        assertThat(joined.get("c")).hasSize(4);
        assertThat(joined.get("a")).hasSize(4).isSubsetOf(owned.get("a"));
        assertThat(joined.get("b")).hasSize(4).isSubsetOf(owned.get("b"));
    }

    @Test
    void aBalancedGroupStaysAsItIs() {
        Map<String, Set<String>> owned = split("p0", "p2", "p4", "p6", "p8", "p10");
        Map<String, Set<String>> result = plan.plan(List.of("a", "b"), owned, parts(1_000, 1_000));
        assertThat(result).isEqualTo(owned);
    }

    @Test
    void aNewMemberTakesLoadFromTheHeaviestButSmallGapsAreLeftAlone() {
        Map<String, Set<String>> owned = split("p0", "p1", "p2", "p3", "p4", "p5");
        Map<String, Set<String>> result = plan.plan(List.of("a", "b", "c"), owned, parts(1_000, 1_000));
        assertThat(result.get("c")).hasSize(4);
        assertEveryPartitionOnce(result, 12);
        // a carries 6,700 against an average of 5,850: less than 15 % above it, so nothing moves.
        Map<String, Set<String>> nearly = split("p0", "p1", "p2", "p3", "p4", "p5", "p6");
        List<Part> parts = parts(1_000, 1_000);
        parts.set(6, new Part("p6", 700));
        assertThat(plan.plan(List.of("a", "b"), nearly, parts)).isEqualTo(nearly);
        // 7,000 against 6,000 is more: one partition moves.
        assertThat(plan.plan(List.of("a", "b"), nearly, parts(1_000, 1_000)).get("a"))
                .hasSize(6);
    }

    @Test
    void unownedPartitionsGoToTheLightestInstanceAndAHeavyOneToAFreeInstance() {
        Map<String, Set<String>> owned = new LinkedHashMap<>();
        owned.put("a", Set.of("p1", "p2", "p3"));
        owned.put("b", Set.of());
        owned.put("c", Set.of("p4"));
        // p0, unowned, is heavy: it goes to b, the member that holds nothing.
        Map<String, Set<String>> result = plan.plan(List.of("a", "b", "c"), owned, parts(6_000, 4_000 / 11.0));
        assertThat(result.get("b")).containsExactly("p0");
        assertEveryPartitionOnce(result, 12);
    }

    @Test
    void twoBigTenantsOfLikeSizeAreBalancedApartNotSetApart() {
        Map<String, Set<String>> owned = new LinkedHashMap<>();
        owned.put("a", Set.of("p0", "p1"));
        owned.put("b", Set.of("p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10", "p11"));
        owned.put("c", Set.of());
        List<Part> parts = parts(3_000, 400 / 10.0);
        parts.set(1, new Part("p1", 2_500));
        Map<String, Set<String>> result = plan.plan(List.of("a", "b", "c"), owned, parts);
        assertThat(result.values()).noneMatch(partitions -> partitions.containsAll(Set.of("p0", "p1")));
        assertThat(result.get("c")).as("the empty instance takes one of them").containsAnyOf("p0", "p1");
        assertEveryPartitionOnce(result, 12);
    }

    @Test
    void oneMemberTakesEverythingAndNoMembersGetNothing() {
        assertThat(plan.plan(List.of("a"), Map.of(), parts(5_000, 10)).get("a")).hasSize(12);
        assertThat(plan.plan(List.of(), Map.of(), parts(5_000, 10))).isEmpty();
    }

    @Test
    void aPartitionClaimedTwiceStaysWithTheFirstClaimant() {
        Map<String, Set<String>> owned = new LinkedHashMap<>();
        owned.put("a", Set.of("p0", "p1", "p2", "p3", "p4", "p5"));
        owned.put("b", Set.of("p5", "p6", "p7", "p8", "p9", "p10", "p11"));
        Map<String, Set<String>> result = plan.plan(List.of("a", "b"), owned, parts(10, 10));
        assertThat(result.get("a")).contains("p5");
        assertEveryPartitionOnce(result, 12);
    }
}
