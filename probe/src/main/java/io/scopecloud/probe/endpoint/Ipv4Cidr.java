package io.scopecloud.probe.endpoint;

/**
 * An IPv4 network, for the "local bridge networks" (docker0 and the like) whose addresses Scope
 * scopes with the host ID.
 */
public record Ipv4Cidr(int network, int prefixLength) {

    public Ipv4Cidr {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length out of range: " + prefixLength);
        }
        network &= mask(prefixLength);
    }

    /** Parses {@code 172.17.0.1/16}. */
    public static Ipv4Cidr parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a CIDR: " + cidr);
        }
        Integer address = toInt(cidr.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("not an IPv4 CIDR: " + cidr);
        }
        return new Ipv4Cidr(address, Integer.parseInt(cidr.substring(slash + 1)));
    }

    /** Whether a formatted address (as {@link IpAddresses#format} writes it) is in this network. */
    public boolean contains(String address) {
        Integer value = toInt(address);
        return value != null && (value & mask(prefixLength)) == network;
    }

    private static int mask(int prefixLength) {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    private static Integer toInt(String address) {
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return null;
            }
            value = (value << 8) | octet;
        }
        return value;
    }
}
