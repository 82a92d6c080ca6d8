package io.scopecloud.query.balance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where each partition of the report topic should be, given where each is and what it weighs
 * (docs/adr/0026). Pure: the same input gives the same plan, so the two rounds of a cooperative
 * move agree on where a partition goes.
 *
 * <ol>
 *   <li>Below {@code minLoad} bytes a second in all, weights mean nothing: partitions stay where
 *       they are and are spread by count, as Kafka's sticky assignor does.
 *   <li>A heavy partition (one whose biggest org, a big tenant, weighs enough: not several small
 *       orgs that share a partition) gets an instance of its own, so that its merges, renders and
 *       the collections they cause do not delay the other tenants' answers: its biggest org weighs
 *       {@value #ENTER_SHARE} of an instance's fair share ({@value #LEAVE_SHARE} once alone, so
 *       it does not flap) and {@value #OUTLIER} times the biggest org of any other partition not
 *       already heavy (tenants of like size are balanced, not set apart), while the instances left
 *       carry no more than {@value #REST_SHARE} times their fair share on average.
 *   <li>The rest stay where they are (new ones go to the lightest instance); while an instance
 *       carries more than {@value #TOLERANCE} above the others' average, partitions move from the
 *       heaviest to the lightest, each move narrowing the gap between the two.
 * </ol>
 */
public final class LoadPlan {
    static final double ENTER_SHARE = 0.3;
    static final double LEAVE_SHARE = 0.25;
    static final double OUTLIER = 2;
    static final double REST_SHARE = 1.75;
    static final double TOLERANCE = 0.15;

    private static final Comparator<Part> HEAVIEST_FIRST =
            Comparator.comparingDouble(Part::load).reversed().thenComparing(Part::name);

    private final double minLoad;

    /** @param minLoad bytes a second in all below which weights are ignored */
    public LoadPlan(double minLoad) {
        this.minLoad = minLoad;
    }

    /** A partition, by name, what it weighs and what its biggest org weighs. */
    public record Part(String name, double load, double largest) {
        /** A partition of one org. */
        public Part(String name, double load) {
            this(name, load, load);
        }
    }

    /**
     * @param members the group's members, in the order ties are broken
     * @param owned what each member holds now (a partition claimed twice counts for the first)
     * @param parts every partition to place
     * @return each member's partitions
     */
    public Map<String, Set<String>> plan(List<String> members, Map<String, Set<String>> owned, List<Part> parts) {
        Map<String, Bin> bins = new LinkedHashMap<>();
        members.forEach(m -> bins.put(m, new Bin(m)));
        if (members.isEmpty()) {
            return Map.of();
        }
        Map<String, String> owner = owners(members, owned);
        List<Part> sorted = new ArrayList<>(parts);
        sorted.sort(HEAVIEST_FIRST);
        double total = sorted.stream().mapToDouble(Part::load).sum();
        boolean byLoad = total >= minLoad && minLoad > 0;

        Map<String, Part> heavy = byLoad ? heavy(members, owned, owner, sorted, total, bins) : Map.of();
        List<Bin> free = new ArrayList<>();
        for (Bin b : bins.values()) {
            if (!heavy.containsKey(b.member)) {
                free.add(b);
            }
        }
        List<Part> unplaced = new ArrayList<>();
        for (Part p : sorted) {
            if (heavy.containsValue(p)) {
                continue;
            }
            Bin stay = bins.get(owner.get(p.name()));
            if (stay != null && !heavy.containsKey(stay.member)) {
                stay.add(p);
            } else {
                unplaced.add(p);
            }
        }
        for (Part p : unplaced) {
            lightest(free).add(p);
        }
        if (byLoad) {
            balanceLoad(free);
        } else {
            balanceCount(free);
        }
        Map<String, Set<String>> plan = new LinkedHashMap<>();
        bins.values().forEach(b -> plan.put(b.member, b.names()));
        return plan;
    }

    /** The heavy partitions, each on the member it will have to itself, and placed there in {@code bins}. */
    private static Map<String, Part> heavy(
            List<String> members,
            Map<String, Set<String>> owned,
            Map<String, String> owner,
            List<Part> sorted,
            double total,
            Map<String, Bin> bins) {
        double fair = total / members.size();
        Map<String, Part> heavy = new LinkedHashMap<>();
        double rest = total;
        List<Part> byBiggestOrg = new ArrayList<>(sorted);
        byBiggestOrg.sort(Comparator.comparingDouble(Part::largest).reversed().thenComparing(Part::name));
        for (Part p : byBiggestOrg) {
            if (heavy.size() == members.size() - 1) {
                break;
            }
            String o = owner.get(p.name());
            boolean alone = o != null && owned.getOrDefault(o, Set.of()).equals(Set.of(p.name()));
            if (p.largest() < (alone ? LEAVE_SHARE : ENTER_SHARE) * fair
                    || p.largest() < OUTLIER * nextBiggestOrg(byBiggestOrg, p, heavy)) {
                continue;
            }
            int left = members.size() - heavy.size() - 1;
            if ((rest - p.load()) / left > REST_SHARE * fair) {
                break;
            }
            String m = o != null && !heavy.containsKey(o) ? o : lightestMember(members, heavy, owner, sorted);
            heavy.put(m, p);
            bins.get(m).add(p);
            rest -= p.load();
        }
        return heavy;
    }

    /** The biggest org's weight among the partitions other than {@code p} not already heavy. */
    private static double nextBiggestOrg(List<Part> byBiggestOrg, Part p, Map<String, Part> heavy) {
        for (Part q : byBiggestOrg) {
            if (q != p && !heavy.containsValue(q)) {
                return q.largest();
            }
        }
        return 0;
    }

    /** The member, not yet given a heavy partition, that holds the least now. */
    private static String lightestMember(
            List<String> members, Map<String, Part> heavy, Map<String, String> owner, List<Part> sorted) {
        Map<String, Double> held = new HashMap<>();
        for (Part p : sorted) {
            String o = owner.get(p.name());
            if (o != null) {
                held.merge(o, p.load(), Double::sum);
            }
        }
        String best = null;
        for (String m : members) {
            if (heavy.containsKey(m)) {
                continue;
            }
            if (best == null || held.getOrDefault(m, 0.0) < held.getOrDefault(best, 0.0)) {
                best = m;
            }
        }
        return best;
    }

    private static Map<String, String> owners(List<String> members, Map<String, Set<String>> owned) {
        Map<String, String> owner = new HashMap<>();
        for (String m : members) {
            for (String p : owned.getOrDefault(m, Set.of())) {
                owner.putIfAbsent(p, m);
            }
        }
        return owner;
    }

    private static Bin lightest(List<Bin> bins) {
        Bin best = bins.get(0);
        for (Bin b : bins) {
            if (b.load < best.load || (b.load == best.load && b.parts.size() < best.parts.size())) {
                best = b;
            }
        }
        return best;
    }

    private static Bin heaviest(List<Bin> bins) {
        Bin best = bins.get(0);
        for (Bin b : bins) {
            if (b.load > best.load || (b.load == best.load && b.parts.size() > best.parts.size())) {
                best = b;
            }
        }
        return best;
    }

    private static void balanceLoad(List<Bin> free) {
        double average = free.stream().mapToDouble(b -> b.load).sum() / free.size();
        for (int moves = 0; moves < 1_000 && free.size() > 1; moves++) {
            Bin from = heaviest(free);
            if (from.load <= (1 + TOLERANCE) * average) {
                return;
            }
            Bin to = lightest(free);
            double gap = from.load - to.load;
            Part best = null;
            double bestGap = gap;
            for (Part p : from.parts) {
                double after = Math.abs(gap - 2 * p.load());
                if (p.load() > 0 && after < bestGap) {
                    best = p;
                    bestGap = after;
                }
            }
            if (best == null) {
                return;
            }
            from.remove(best);
            to.add(best);
        }
    }

    private static void balanceCount(List<Bin> free) {
        for (int moves = 0; moves < 10_000 && free.size() > 1; moves++) {
            Bin from = free.stream()
                    .max(Comparator.comparingInt(b -> b.parts.size()))
                    .orElseThrow();
            Bin to = free.stream()
                    .min(Comparator.comparingInt(b -> b.parts.size()))
                    .orElseThrow();
            if (from.parts.size() - to.parts.size() <= 1) {
                return;
            }
            Part last = from.parts.get(from.parts.size() - 1);
            from.remove(last);
            to.add(last);
        }
    }

    private static final class Bin {
        private final String member;
        private final List<Part> parts = new ArrayList<>();
        private double load;

        Bin(String member) {
            this.member = member;
        }

        void add(Part p) {
            parts.add(p);
            load += p.load();
        }

        void remove(Part p) {
            parts.remove(p);
            load -= p.load();
        }

        Set<String> names() {
            Set<String> names = new TreeSet<>();
            parts.forEach(p -> names.add(p.name()));
            return names;
        }
    }
}
