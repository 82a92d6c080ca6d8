package io.scopecloud.report;

import java.util.Collection;
import java.util.List;

/** Names seen for one IP address: {@code {"forward":[..],"reverse":[..]}}, both sorted sets, merged by union. */
public record DnsRecord(List<String> forward, List<String> reverse) {
    public static final DnsRecord EMPTY = new DnsRecord(List.of(), List.of());

    public DnsRecord {
        forward = forward == null ? SortedStringList.EMPTY : SortedStringList.copyOf(forward);
        reverse = reverse == null ? SortedStringList.EMPTY : SortedStringList.copyOf(reverse);
    }

    public static DnsRecord of(Collection<String> forward, Collection<String> reverse) {
        return new DnsRecord(List.copyOf(forward), List.copyOf(reverse));
    }

    public DnsRecord merge(DnsRecord other) {
        SortedStringList f = ((SortedStringList) forward).union((SortedStringList) other.forward);
        SortedStringList r = ((SortedStringList) reverse).union((SortedStringList) other.reverse);
        if (f == forward && r == reverse) {
            return this;
        }
        if (f == other.forward && r == other.reverse) {
            return other;
        }
        return new DnsRecord(f, r);
    }
}
