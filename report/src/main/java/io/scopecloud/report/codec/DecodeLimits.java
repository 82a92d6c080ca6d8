package io.scopecloud.report.codec;

/**
 * Bounds on what a decoder accepts, so that one tenant's bad or hostile body cannot exhaust memory or CPU.
 *
 * @param maxCompressedBytes body bytes read from the wire (before gunzip)
 * @param maxDecompressedBytes bytes after gunzip (counted while inflating, so a gzip bomb stops at the limit); for
 *     an uncompressed body, its size
 * @param maxDepth nesting depth of maps and arrays
 * @param maxStringLength length of any one string (key or value), in bytes for msgpack, chars for JSON
 * @param maxNodes nodes over all topologies, children included
 * @param maxEntries map entries plus array elements decoded over the whole body (latest entries, set members,
 *     adjacency IDs, samples...): a report with few nodes can still hold millions of these. Values under unknown
 *     keys are skipped without being counted; the byte limits bound them.
 */
public record DecodeLimits(
        long maxCompressedBytes,
        long maxDecompressedBytes,
        int maxDepth,
        int maxStringLength,
        int maxNodes,
        long maxEntries) {
    /**
     * 5 million. Real reports hold 45 to 160 entries per node (the test fixtures), so a 5,000-node report holds
     * 250,000 to 800,000, and a real-shaped body only reaches 5 million near the 100 MiB decompressed limit; a
     * hostile body of that size could otherwise carry about 50 million.
     */
    public static final long DEFAULT_MAX_ENTRIES = 5_000_000;

    private static final DecodeLimits DEFAULTS =
            new DecodeLimits(10L << 20, 100L << 20, 64, 1 << 20, 200_000, DEFAULT_MAX_ENTRIES);

    public DecodeLimits {
        if (maxCompressedBytes <= 0
                || maxDecompressedBytes <= 0
                || maxDepth <= 0
                || maxStringLength <= 0
                || maxNodes < 0
                || maxEntries < 0) {
            throw new IllegalArgumentException("decode limits must be positive");
        }
    }

    /** The first five limits, with {@link #DEFAULT_MAX_ENTRIES}. */
    public DecodeLimits(
            long maxCompressedBytes, long maxDecompressedBytes, int maxDepth, int maxStringLength, int maxNodes) {
        this(maxCompressedBytes, maxDecompressedBytes, maxDepth, maxStringLength, maxNodes, DEFAULT_MAX_ENTRIES);
    }

    /** 10 MiB compressed, 100 MiB decompressed, depth 64, 1 MiB strings, 200,000 nodes, 5 million entries. */
    public static DecodeLimits defaults() {
        return DEFAULTS;
    }

    /** No practical limit, for trusted input such as our own Kafka records. */
    public static DecodeLimits unlimited() {
        return new DecodeLimits(
                Long.MAX_VALUE, Long.MAX_VALUE, 1000, Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE);
    }

    public DecodeLimits withMaxCompressedBytes(long n) {
        return new DecodeLimits(n, maxDecompressedBytes, maxDepth, maxStringLength, maxNodes, maxEntries);
    }

    public DecodeLimits withMaxDecompressedBytes(long n) {
        return new DecodeLimits(maxCompressedBytes, n, maxDepth, maxStringLength, maxNodes, maxEntries);
    }

    public DecodeLimits withMaxDepth(int n) {
        return new DecodeLimits(maxCompressedBytes, maxDecompressedBytes, n, maxStringLength, maxNodes, maxEntries);
    }

    public DecodeLimits withMaxStringLength(int n) {
        return new DecodeLimits(maxCompressedBytes, maxDecompressedBytes, maxDepth, n, maxNodes, maxEntries);
    }

    public DecodeLimits withMaxNodes(int n) {
        return new DecodeLimits(maxCompressedBytes, maxDecompressedBytes, maxDepth, maxStringLength, n, maxEntries);
    }

    public DecodeLimits withMaxEntries(long n) {
        return new DecodeLimits(maxCompressedBytes, maxDecompressedBytes, maxDepth, maxStringLength, maxNodes, n);
    }
}
