package io.scopecloud.query.window;

import static java.util.Objects.requireNonNull;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Where an instance's windows keep their reports' compact bytes: copied, one after another, into chunks that grow
 * with the rate reports arrive, up to one G1 heap region. A chunk of half a region or more is a humongous object,
 * allocated in the old generation: at 1,000 probes the window's bytes (a report's stay 15 s) were a third of what each
 * young collection copied, twice each before they were promoted, and a chunk is never copied
 * (bench/README.md, eleventh session). A chunk lives until the last report in it leaves every window; the reports in
 * one arrived within its filling, so it outlives the window by that long.
 *
 * <p>Small while reports are few (a standalone's one probe fills its first chunk in a minute), a chunk doubles when
 * the last filled within {@link #GROW_WITHIN_NANOS}, and halves when it took longer than {@link #SHRINK_AFTER_NANOS}
 * (past half a region, it takes a whole one). A report of more than a quarter of the current chunk keeps its own
 * array, so a chunk never leaves more than a quarter unused.
 *
 * <p>Thread-safe; the consumer thread is its only caller in practice.
 */
final class CompactChunks {
    static final int MIN_CHUNK = 64 * 1024;
    static final long GROW_WITHIN_NANOS = 1_000_000_000L;
    static final long SHRINK_AFTER_NANOS = 10_000_000_000L;
    /** An array's header and alignment, so that the largest chunk fits one region. */
    private static final int ARRAY_OVERHEAD = 64;

    /**
     * The sizes a chunk takes, smallest first: powers of two from {@link #MIN_CHUNK} while under half a region (ordinary
     * objects), then one region's worth. A humongous object takes whole regions, so a chunk of just over half a region
     * would leave the rest of its region empty.
     */
    private final int[] sizes;

    private int step;
    private final LongSupplier nanoTime;
    private byte[] chunk;
    private int used;
    private long startedAt;

    CompactChunks() {
        this(maxChunkFor(g1RegionBytes()), System::nanoTime);
    }

    CompactChunks(int maxChunk, LongSupplier nanoTime) {
        if (maxChunk < MIN_CHUNK) {
            throw new IllegalArgumentException("maxChunk " + maxChunk + " is below " + MIN_CHUNK);
        }
        this.sizes = sizes(maxChunk);
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
        this.chunk = new byte[MIN_CHUNK];
        this.startedAt = nanoTime.getAsLong();
    }

    private static int[] sizes(int maxChunk) {
        int halfRegion = (maxChunk + ARRAY_OVERHEAD) / 2;
        List<Integer> sizes = new ArrayList<>();
        for (int size = MIN_CHUNK; size + ARRAY_OVERHEAD < halfRegion && size < maxChunk; size *= 2) {
            sizes.add(size);
        }
        sizes.add(maxChunk);
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A copy of {@code compact} in a chunk (or alone, if large); {@code compact} is not kept. */
    synchronized CompactBytes keep(byte[] compact) {
        int length = compact.length;
        if (length > chunk.length / 4) {
            return new CompactBytes(compact.clone(), 0, length);
        }
        if (length > chunk.length - used) {
            next();
        }
        System.arraycopy(compact, 0, chunk, used, length);
        CompactBytes kept = new CompactBytes(chunk, used, length);
        used += length;
        return kept;
    }

    /** The size the next chunk will have, or the current one's if it is still being filled. */
    synchronized int chunkSize() {
        return chunk.length;
    }

    private void next() {
        long now = nanoTime.getAsLong();
        long filledIn = now - startedAt;
        if (filledIn < GROW_WITHIN_NANOS) {
            step = Math.min(sizes.length - 1, step + 1);
        } else if (filledIn > SHRINK_AFTER_NANOS) {
            step = Math.max(0, step - 1);
        }
        chunk = new byte[sizes[step]];
        used = 0;
        startedAt = now;
    }

    /** The largest chunk for G1 regions of {@code regionBytes} (0: not G1, or not known): one region's worth. */
    static int maxChunkFor(long regionBytes) {
        long region = regionBytes > 0 ? regionBytes : 4L * 1024 * 1024;
        return (int) Math.max(MIN_CHUNK, Math.min(Integer.MAX_VALUE / 2, region - ARRAY_OVERHEAD));
    }

    private static long g1RegionBytes() {
        try {
            return Long.parseLong(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption("G1HeapRegionSize")
                    .getValue());
        } catch (RuntimeException e) {
            // another JVM or collector: the default size
            return 0;
        }
    }
}
