package io.scopecloud.query.render;

import io.scopecloud.report.DnsRecord;
import io.scopecloud.report.Report;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Scope's well-known cloud services, drawn as their own pseudo nodes ({@code service-<name>}). */
final class KnownServices {
    private static final Pattern MATCHER = Pattern.compile("^.+\\.(amazonaws\\.com|googleapis\\.com|weave\\.works"
            + "|core\\.windows\\.net|servicebus\\.windows\\.net|azure-api\\.net|onmicrosoft\\.com"
            + "|cloudapp\\.azure\\.com|database\\.windows\\.net|documents\\.azure\\.com)$");
    private static final Pattern EXCLUDER = Pattern.compile("^(ec2.*\\.amazonaws\\.com)$");

    private KnownServices() {}

    static boolean isKnownService(String hostname) {
        return MATCHER.matcher(hostname).matches()
                && !EXCLUDER.matcher(hostname).matches();
    }

    /** Scope's {@code DNSRecords.FirstMatch}: forward names first, then reverse, in sorted order. */
    static Optional<String> firstMatch(Report report, String endpointId, Predicate<String> match) {
        Optional<Ids.EndpointParts> parts = Ids.parseEndpoint(endpointId);
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        DnsRecord record = report.dns().get(parts.get().address());
        if (record == null) {
            return Optional.empty();
        }
        for (List<String> names : List.of(record.forward(), record.reverse())) {
            for (String name : names) {
                if (match.test(name)) {
                    return Optional.of(name);
                }
            }
        }
        return Optional.empty();
    }
}
