package io.scopecloud.query.render;

import io.scopecloud.report.DnsRecord;
import io.scopecloud.report.Report;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where an endpoint that no probe claims (no {@code host_node_id}) goes in a view: a well-known
 * cloud service, the Internet (inbound when it opened the connection, outbound otherwise), or
 * nowhere when it is on a local network (the probe there will report it).
 */
final class EndpointPseudoNodes {
    static final String INCOMING_INTERNET = "in-theinternet";
    static final String OUTGOING_INTERNET = "out-theinternet";
    private static final List<String> SERVICE_SUFFIXES = List.of(
            "amazonaws.com",
            "googleapis.com",
            "weave.works",
            "cloudapp.net",
            "core.windows.net",
            "azurewebsites.net",
            "azure.com",
            "windows.net");

    private final Report report;
    private final LocalNetworks local;

    EndpointPseudoNodes(Report report) {
        this.report = report;
        this.local = LocalNetworks.of(report);
    }

    /** The pseudo node id for an unclaimed endpoint, or empty when it should be dropped. */
    Optional<String> idFor(String endpointId, boolean hasOutgoing) {
        String[] parts = endpointId.split(";", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        String ip = parts[1];
        Optional<String> service = serviceName(ip);
        if (service.isPresent()) {
            return Optional.of("service-" + service.get());
        }
        if (local.contains(ip)) {
            return Optional.empty();
        }
        return Optional.of(hasOutgoing ? INCOMING_INTERNET : OUTGOING_INTERNET);
    }

    private Optional<String> serviceName(String ip) {
        DnsRecord dns = report.dns().get(ip);
        if (dns == null) {
            return Optional.empty();
        }
        return Stream.concat(dns.forward().stream(), dns.reverse().stream())
                .filter(EndpointPseudoNodes::isKnownService)
                .findFirst();
    }

    private static boolean isKnownService(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (n.endsWith(".amazonaws.com") && n.startsWith("ec2")) {
            return false;
        }
        return SERVICE_SUFFIXES.stream().anyMatch(s -> n.endsWith("." + s));
    }

    static NodeSummary summary(String id) {
        if (INCOMING_INTERNET.equals(id) || OUTGOING_INTERNET.equals(id)) {
            String minor = INCOMING_INTERNET.equals(id) ? "Inbound connections" : "Outbound connections";
            return new NodeSummary(
                    id,
                    "The Internet",
                    minor,
                    "",
                    "cloud",
                    null,
                    false,
                    true,
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of());
        }
        String name = id.startsWith("service-") ? id.substring("service-".length()) : id;
        return new NodeSummary(
                id, name, "", "", "cloud", null, false, true, List.of(), List.of(), List.of(), List.of());
    }

    static boolean isInternet(String id) {
        return INCOMING_INTERNET.equals(id) || OUTGOING_INTERNET.equals(id);
    }
}
