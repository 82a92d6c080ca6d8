package io.scopecloud.probe.endpoint;

/**
 * Decodes the hex addresses of {@code /proc/net/tcp{,6}} and writes them the way Go's
 * {@code net.IP.String()} does, because endpoint node IDs embed the address text and must equal
 * the IDs other probes (Go or Java) compute for the same address: dotted quads for IPv4 and for
 * IPv4-mapped IPv6, RFC 5952 lower-case compressed form for other IPv6.
 */
public final class IpAddresses {
    private IpAddresses() {}

    /**
     * Decodes the kernel's hex form: 8 or 32 hex digits, each 32-bit word in host (little-endian)
     * byte order.
     */
    public static byte[] decodeProcHex(CharSequence hex, int start, int end) {
        int length = end - start;
        if (length != 8 && length != 32) {
            throw new IllegalArgumentException("bad address length " + length + ": " + hex.subSequence(start, end));
        }
        byte[] bytes = new byte[length / 2];
        for (int word = 0; word < length / 8; word++) {
            for (int i = 0; i < 4; i++) {
                int at = start + word * 8 + i * 2;
                int value = (hexDigit(hex.charAt(at)) << 4) | hexDigit(hex.charAt(at + 1));
                bytes[word * 4 + 3 - i] = (byte) value;
            }
        }
        return bytes;
    }

    /** Formats 4 or 16 address bytes like Go's {@code net.IP.String()}. */
    public static String format(byte[] ip) {
        if (ip.length == 4) {
            return formatV4(ip, 0);
        }
        if (ip.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + ip.length);
        }
        if (isV4Mapped(ip)) {
            return formatV4(ip, 12);
        }
        // Find the leftmost longest run of zero groups; "::" never stands for a single group.
        int bestStart = -1;
        int bestEnd = -1;
        for (int i = 0; i < 16; i += 2) {
            int j = i;
            while (j < 16 && ip[j] == 0 && ip[j + 1] == 0) {
                j += 2;
            }
            if (j > i && j - i > bestEnd - bestStart) {
                bestStart = i;
                bestEnd = j;
                i = j;
            }
        }
        if (bestEnd - bestStart <= 2) {
            bestStart = -1;
            bestEnd = -1;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 16; i += 2) {
            if (i == bestStart) {
                out.append("::");
                i = bestEnd;
                if (i >= 16) {
                    break;
                }
            } else if (i > 0) {
                out.append(':');
            }
            out.append(Integer.toHexString(((ip[i] & 0xff) << 8) | (ip[i + 1] & 0xff)));
        }
        return out.toString();
    }

    /** True for 127.0.0.0/8, ::1 and IPv4-mapped 127.x, like Go's {@code IsLoopback}. */
    public static boolean isLoopback(String formatted) {
        return formatted.startsWith("127.") || formatted.equals("::1");
    }

    /** True for the unspecified addresses a listening socket binds to accept on every address. */
    public static boolean isUnspecified(String formatted) {
        return formatted.equals("0.0.0.0") || formatted.equals("::");
    }

    private static boolean isV4Mapped(byte[] ip) {
        for (int i = 0; i < 10; i++) {
            if (ip[i] != 0) {
                return false;
            }
        }
        return ip[10] == (byte) 0xff && ip[11] == (byte) 0xff;
    }

    private static String formatV4(byte[] ip, int offset) {
        return (ip[offset] & 0xff) + "." + (ip[offset + 1] & 0xff) + "." + (ip[offset + 2] & 0xff) + "."
                + (ip[offset + 3] & 0xff);
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        throw new IllegalArgumentException("not a hex digit: " + c);
    }
}
