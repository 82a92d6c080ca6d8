package io.scopecloud.report;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.List;

/**
 * A probe plugin's description, carried in every report's {@code Plugins} and listed by {@code GET /api}. JSON:
 * {@code {"id","label","description"?,"interfaces","api_version"?,"status"?}}. Null strings become "".
 */
public record PluginSpec(
        String id, String label, String description, List<String> interfaces, String apiVersion, String status) {
    static final Comparator<PluginSpec> TIE_BREAK = Comparator.comparing(PluginSpec::label, Utf8Order.COMPARATOR)
            .thenComparing(PluginSpec::description, Utf8Order.COMPARATOR)
            .thenComparing(p -> String.join("\u0000", p.interfaces()), Utf8Order.COMPARATOR)
            .thenComparing(PluginSpec::apiVersion, Utf8Order.COMPARATOR)
            .thenComparing(PluginSpec::status, Utf8Order.COMPARATOR);

    public PluginSpec {
        requireNonNull(id, "id is null");
        label = label == null ? "" : label;
        description = description == null ? "" : description;
        interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
        apiVersion = apiVersion == null ? "" : apiVersion;
        status = status == null ? "" : status;
    }

    public PluginSpec withStatus(String newStatus) {
        return new PluginSpec(id, label, description, interfaces, apiVersion, newStatus);
    }
}
