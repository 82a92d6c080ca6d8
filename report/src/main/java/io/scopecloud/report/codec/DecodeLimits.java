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
 */
public record DecodeLimits(
        long maxCompressedBytes, long maxDecompressedBytes, int maxDepth, int maxStringLength, int maxNodes) {
    private static final DecodeLimits DEFAULTS = new DecodeLimits(10L << 20, 100L << 20, 64, 1 << 20, 200_000);

    public DecodeLimits {
        if (maxCompressedBytes <= 0
                || maxDecompressedBytes <= 0
                || maxDepth <= 0
                || maxStringLength <= 0
                || maxNodes < 0) {
            throw new IllegalArgumentException("decode limits must be positive");
        }
    }

    /** 10 MiB compressed, 100 MiB decompressed, depth 64, 1 MiB strings, 200,000 nodes. */
    public static DecodeLimits defaults() {
        return DEFAULTS;
    }

    /** No practical limit, for trusted input such as our own Kafka records. */
    public static DecodeLimits unlimited() {
        return new DecodeLimits(Long.MAX_VALUE, Long.MAX_VALUE, 1000, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    public DecodeLimits withMaxCompressedBytes(long n) {
        return new DecodeLimits(n, maxDecompressedBytes, maxDepth, maxStringLength, maxNodes);
    }

    public DecodeLimits withMaxDecompressedBytes(long n) {
        return new DecodeLimits(maxCompressedBytes, n, maxDepth, maxStringLength, maxNodes);
    }

    public DecodeLimits withMaxDepth(int n) {
        return new DecodeLimits(maxCompressedBytes, maxDecompressedBytes, n, maxStringLength, maxNodes);
    }

    public DecodeLimits withMaxStringLength(int n) {
        return new DecodeLimits(maxCompressedBytes, maxDecompressedBytes, maxDepth, n, maxNodes);
    }

    public DecodeLimits withMaxNodes(int n) {
        return new DecodeLimits(maxCompressedBytes, maxDecompressedBytes, maxDepth, maxStringLength, n);
    }
}
