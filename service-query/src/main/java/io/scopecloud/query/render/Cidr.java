package io.scopecloud.query.render;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network, for "is this address local?". Parses literals only, never DNS, and
 * IPv4 as strictly as Go does (four decimal octets); IPv4-mapped IPv6 addresses count as IPv4.
 */
@SuppressWarnings("ArrayRecordComponent") // parsed to test addresses against, never compared or hashed
record Cidr(byte[] network, int prefix) {
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]+");

    static Optional<Cidr> parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        Optional<byte[]> address = address(text.substring(0, slash));
        try {
            int prefix = Integer.parseInt(text.substring(slash + 1));
            return address.filter(a -> prefix >= 0 && prefix <= a.length * 8).map(a -> new Cidr(a, prefix));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<byte[]> address(String literal) {
        if (literal.indexOf(':') >= 0) {
            if (!V6.matcher(literal).matches()) {
                return Optional.empty();
            }
            try {
                return Optional.of(InetAddress.getByName("[" + literal + "]").getAddress());
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return ipv4(literal);
    }

    private static Optional<byte[]> ipv4(String s) {
        byte[] out = new byte[4];
        int pos = 0;
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                if (pos >= s.length() || s.charAt(pos) != '.') {
                    return Optional.empty();
                }
                pos++;
            }
            int start = pos;
            int n = 0;
            while (pos < s.length() && Character.isDigit(s.charAt(pos)) && pos - start < 4) {
                n = n * 10 + (s.charAt(pos) - '0');
                pos++;
            }
            if (pos == start || n > 255) {
                return Optional.empty();
            }
            out[i] = (byte) n;
        }
        return pos == s.length() ? Optional.of(out) : Optional.empty();
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (address[full] & mask) == (network[full] & mask);
    }
}
