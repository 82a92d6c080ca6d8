package io.scopecloud.query.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.query.Collected;
import io.scopecloud.query.TestReports;
import io.scopecloud.report.Report;
import io.scopecloud.report.TopologyType;
import io.scopecloud.report.codec.CompactReportCodec;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OrgWindowTest {
    private static final Instant T0 = Instant.parse("2026-12-06T00:00:00Z");
    private static final Duration WINDOW = Duration.ofSeconds(15);
    private static final Duration MERGE_INTERVAL = Duration.ofMillis(250);

    @Test
    void mergesEachProbesReportsAndForgetsThoseOutOfTheWindow() {
        OrgWindow org = new OrgWindow(WINDOW, MERGE_INTERVAL, T0, nanos -> {});
        add(org, "p1", T0, "a");
        add(org, "p1", T0.plusSeconds(3), "b");
        add(org, "p2", T0.plusSeconds(3), "x");

        assertThat(hosts(org.snapshot(T0.plusSeconds(4)))).containsExactlyInAnyOrder("a", "b", "x");

        add(org, "p1", T0.plusSeconds(6), "c");
        assertThat(hosts(org.snapshot(T0.plusSeconds(7))))
                .as("added on top of the probe's merge so far")
                .containsExactlyInAnyOrder("a", "b", "c", "x");

        assertThat(hosts(org.snapshot(T0.plusSeconds(16))))
                .as("p1's first report expired: the rest merged again from their bytes")
                .containsExactlyInAnyOrder("b", "c", "x");
        assertThat(hosts(org.snapshot(T0.plusSeconds(19)))).containsExactlyInAnyOrder("c");
        assertThat(org.probeCount(T0.plusSeconds(19))).isEqualTo(1);
    }

    @Test
    void aProbesWindowMergedAgainKeepsTheStringsOfTheMergeBefore() {
        OrgWindow org = new OrgWindow(WINDOW, MERGE_INTERVAL, T0, nanos -> {});
        String longName = "a-host-whose-name-is-longer-than-a-decode-cache-keeps";
        add(org, "p1", T0, "a");
        add(org, "p1", T0.plusSeconds(3), "b");
        add(org, "p1", T0.plusSeconds(6), longName);
        org.snapshot(T0.plusSeconds(7));

        String before = hostName(org.snapshot(T0.plusSeconds(16)), longName);
        String after = hostName(org.snapshot(T0.plusSeconds(19)), longName);

        assertThat(after)
                .as("each expiry decodes the probe's reports again, through its pool")
                .isSameAs(before);
    }

    @Test
    void aRecentSnapshotIsGivenAsItIsWhileReportsWaitToBeMerged() {
        OrgWindow org = new OrgWindow(WINDOW, MERGE_INTERVAL, T0, nanos -> {});
        assertThat(org.recentSnapshot(T0, Duration.ofSeconds(1), s -> true).found())
                .as("nothing merged yet")
                .isEqualTo(RecentSnapshot.Found.NOTHING);
        add(org, "p1", T0, "a");
        OrgSnapshot first = org.snapshot(T0);

        add(org, "p1", T0.plusMillis(500), "b");

        assertThat(org.recentSnapshot(T0.plusMillis(900), Duration.ofSeconds(1), s -> true)
                        .snapshot())
                .as("a merge is due, but the snapshot there is is recent enough")
                .isSameAs(first);
        assertThat(org.recentSnapshot(T0.plusMillis(1_600), Duration.ofSeconds(1), s -> true)
                        .found())
                .as("it has lacked b for longer than asked")
                .isEqualTo(RecentSnapshot.Found.TOO_OLD);
        assertThat(hosts(org.snapshot(T0.plusMillis(900)))).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void aSnapshotMergedLongAgoIsRecentWhileItLacksOnlyReportsOfTheLastSecond() {
        OrgWindow org = new OrgWindow(WINDOW, MERGE_INTERVAL, T0, nanos -> {});
        add(org, "p1", T0, "a");
        OrgSnapshot merged = org.snapshot(T0);

        assertThat(org.recentSnapshot(T0.plusSeconds(5), Duration.ofSeconds(1), s -> true)
                        .snapshot())
                .as("nothing arrived since: exact for 5 s")
                .isSameAs(merged);
        add(org, "p1", T0.plusSeconds(5), "b");
        assertThat(org.recentSnapshot(T0.plusMillis(5_400), Duration.ofSeconds(1), s -> true)
                        .snapshot())
                .as("it lacks only b, 400 ms old")
                .isSameAs(merged);
        assertThat(org.recentSnapshot(T0.plusMillis(6_100), Duration.ofSeconds(1), s -> true)
                        .found())
                .isEqualTo(RecentSnapshot.Found.TOO_OLD);
    }

    @Test
    void aSnapshotHoldingAReportThatLeftTheWindowLongerAgoThanAskedIsNotRecent() {
        OrgWindow org = new OrgWindow(WINDOW, MERGE_INTERVAL, T0, nanos -> {});
        add(org, "p1", T0, "a");
        add(org, "p1", T0.plusSeconds(10), "b");
        OrgSnapshot merged = org.snapshot(T0.plusSeconds(10));

        assertThat(org.recentSnapshot(T0.plusMillis(15_500), Duration.ofSeconds(1), s -> true)
                        .snapshot())
                .as("a left the window 500 ms ago")
                .isSameAs(merged);
        assertThat(org.recentSnapshot(T0.plusMillis(16_100), Duration.ofSeconds(1), s -> true)
                        .found())
                .isEqualTo(RecentSnapshot.Found.TOO_OLD);
        assertThat(hosts(org.snapshot(T0.plusMillis(16_100)))).containsExactly("b");
    }

    @Test
    void whileTheNewestSnapshotsAnswerIsNotReadyTheOneBeforeIsGiven() {
        OrgWindow org = new OrgWindow(WINDOW, MERGE_INTERVAL, T0, nanos -> {});
        add(org, "p1", T0, "a");
        OrgSnapshot first = org.snapshot(T0);
        add(org, "p1", T0.plusMillis(300), "b");
        OrgSnapshot second = org.snapshot(T0.plusMillis(300));
        assertThat(second).isNotSameAs(first);

        assertThat(org.recentSnapshot(T0.plusMillis(400), Duration.ofSeconds(1), s -> s == first)
                        .snapshot())
                .as("the newest's answer is being computed: the one before has it")
                .isSameAs(first);
        assertThat(org.recentSnapshot(T0.plusMillis(400), Duration.ofSeconds(1), s -> true)
                        .snapshot())
                .as("the newest first")
                .isSameAs(second);
        assertThat(org.recentSnapshot(T0.plusMillis(1_200), Duration.ofSeconds(1), s -> s == first)
                        .found())
                .as("the one before is too old by then")
                .isEqualTo(RecentSnapshot.Found.NOT_READY);
        assertThat(org.recentSnapshot(T0.plusMillis(400), Duration.ofSeconds(1), s -> false)
                        .found())
                .isEqualTo(RecentSnapshot.Found.NOT_READY);
    }

    @Test
    void aShortcutReportWaitingMeansNoRecentSnapshot() {
        OrgWindow org = new OrgWindow(WINDOW, MERGE_INTERVAL, T0, nanos -> {});
        add(org, "p1", T0, "a");
        org.snapshot(T0);

        Report shortcut = report("c").withShortcut(true);
        org.add(
                0,
                "p1",
                T0.plusMillis(100),
                T0.plusMillis(100),
                CompactBytes.of(CompactReportCodec.encode(shortcut)),
                shortcut);

        assertThat(org.recentSnapshot(T0.plusMillis(100), Duration.ofSeconds(1), s -> true)
                        .found())
                .as("a control's effect is shown at once")
                .isEqualTo(RecentSnapshot.Found.SHORTCUT_WAITS);
    }

    @Test
    void mergesAtMostOncePerIntervalUnlessAShortcutReportArrives() {
        OrgWindow org = new OrgWindow(WINDOW, MERGE_INTERVAL, T0, nanos -> {});
        add(org, "p1", T0, "a");
        OrgSnapshot first = org.snapshot(T0);

        add(org, "p1", T0.plusMillis(100), "b");
        assertThat(org.snapshot(T0.plusMillis(100))).isSameAs(first);
        assertThat(org.isNewerThan(first.version())).isTrue();

        Report shortcut = report("c").withShortcut(true);
        org.add(
                0,
                "p1",
                T0.plusMillis(150),
                T0.plusMillis(150),
                CompactBytes.of(CompactReportCodec.encode(shortcut)),
                shortcut);
        assertThat(hosts(org.snapshot(T0.plusMillis(150)))).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void reportsAreAddedWhileAMergeRunsAndGoIntoTheNextOne() throws Exception {
        CountDownLatch merging = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        OrgWindow org = new OrgWindow(WINDOW, MERGE_INTERVAL, T0, nanos -> {
            merging.countDown();
            await(release);
        });
        add(org, "p1", T0, "a");
        CompletableFuture<OrgSnapshot> first = CompletableFuture.supplyAsync(() -> org.snapshot(T0));
        assertThat(merging.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> added = CompletableFuture.runAsync(() -> {
            add(org, "p1", T0.plusMillis(10), "b");
            add(org, "p2", T0.plusMillis(10), "x");
            org.probes(T0.plusMillis(10));
        });
        // the consumer thread's add and the sweep's checks must not wait for the merge
        added.get(10, TimeUnit.SECONDS);
        release.countDown();

        assertThat(hosts(first.get(10, TimeUnit.SECONDS))).containsExactly("a");
        assertThat(hosts(org.snapshot(T0.plusSeconds(1)))).containsExactlyInAnyOrder("a", "b", "x");
    }

    @Test
    void aReadWhileAnotherThreadMergesGetsTheSnapshotThereIsWithoutWaiting() throws Exception {
        CountDownLatch merging = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Boolean> blockMerge = new ArrayList<>(List.of(false, true));
        OrgWindow org = new OrgWindow(WINDOW, MERGE_INTERVAL, T0, nanos -> {
            if (blockMerge.remove(0)) {
                merging.countDown();
                await(release);
            }
        });
        add(org, "p1", T0, "a");
        OrgSnapshot first = org.snapshot(T0);
        add(org, "p1", T0.plusSeconds(1), "b");
        CompletableFuture<OrgSnapshot> second = CompletableFuture.supplyAsync(() -> org.snapshot(T0.plusSeconds(1)));
        assertThat(merging.await(10, TimeUnit.SECONDS)).isTrue();

        try {
            CompletableFuture<OrgSnapshot> read =
                    CompletableFuture.supplyAsync(() -> org.snapshotWithoutWaiting(T0.plusSeconds(1)));
            OrgSnapshot answered = read.get(10, TimeUnit.SECONDS);
            assertThat(answered)
                    .as("answered while the merge still runs, from a snapshot that exists")
                    .isIn(first, org.snapshotWithoutWaiting(T0.plusSeconds(1)));
            assertThat(second).isNotDone();
        } finally {
            release.countDown();
        }
        assertThat(hosts(second.get(10, TimeUnit.SECONDS))).containsExactlyInAnyOrder("a", "b");
        assertThat(org.snapshotWithoutWaiting(T0.plusSeconds(2)))
                .as("no merge running: as snapshot()")
                .isSameAs(second.get());
    }

    @Test
    void anOrgNobodyLooksAtHoldsNothingDecodedOutOfItsWindow() throws Exception {
        OrgWindow org = new OrgWindow(WINDOW, MERGE_INTERVAL, T0, nanos -> {});
        add(org, "p1", T0, "seen");
        List<WeakReference<Object>> early = new ArrayList<>();
        early.add(new WeakReference<>(org.snapshot(T0)));
        Instant at = T0;
        for (int i = 0; i < 10; i++) {
            at = at.plusSeconds(3);
            Report r = report("h" + i);
            org.add(0, "p1", at, at, CompactBytes.of(CompactReportCodec.encode(r)), r);
            early.add(new WeakReference<>(r));
        }
        for (int i = 0; i < 10; i++) {
            at = at.plusSeconds(3);
            add(org, "p1", at, "late" + i);
            // what the consumer's sweep does between reports: never a merge, nobody asks for one
            org.isEmpty(at);
        }

        Collected.await(early);
        assertThat(early)
                .as("the last look's snapshot and the decoded reports of the first 30 s, out of the window since")
                .allSatisfy(w -> assertThat(w.get()).isNull());
        assertThat(hosts(org.snapshot(at)))
                .as("merged again from the bytes of the last 15 s, its first second included")
                .containsExactlyInAnyOrder("late4", "late5", "late6", "late7", "late8", "late9");
    }

    @Test
    void anOrgNobodyLooksAtLetsGoTheStringsKeptForItsProbesNextRebuild() throws Exception {
        OrgWindow org = new OrgWindow(WINDOW, MERGE_INTERVAL, T0, nanos -> {});
        String longName = "a-host-whose-name-is-longer-than-a-decode-cache-keeps";
        add(org, "p1", T0, "a");
        add(org, "p1", T0.plusSeconds(6), longName);
        org.snapshot(T0.plusSeconds(7));
        WeakReference<String> kept = new WeakReference<>(hostName(org.snapshot(T0.plusSeconds(16)), longName));
        assertThat(org.stringsKept())
                .as("the rebuild at 16 s decoded through the probe's pool")
                .isPositive();

        Instant at = T0.plusSeconds(16);
        for (int i = 0; i < 8; i++) {
            at = at.plusSeconds(3);
            add(org, "p1", at, "late" + i);
            org.isEmpty(at);
        }

        assertThat(org.stringsKept()).isZero();
        Collected.await(kept);
        assertThat(kept.get())
                .as("the last look's strings, out of the window since")
                .isNull();
    }

    private static void add(OrgWindow org, String probe, Instant at, String host) {
        Report r = report(host);
        org.add(0, probe, at, at, CompactBytes.of(CompactReportCodec.encode(r)), r);
    }

    private static Report report(String host) {
        return TestReports.oneHost(host, T0);
    }

    private static String hostName(OrgSnapshot snapshot, String name) {
        return snapshot.report().topology(TopologyType.HOST).nodes().values().stream()
                .map(n -> n.latestValue("host_name").orElseThrow())
                .filter(name::equals)
                .findFirst()
                .orElseThrow();
    }

    private static Set<String> hosts(OrgSnapshot snapshot) {
        return snapshot.report().topology(TopologyType.HOST).nodes().values().stream()
                .map(n -> n.latestValue("host_name").orElseThrow())
                .collect(java.util.stream.Collectors.toSet());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
