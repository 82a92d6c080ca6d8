package io.scopecloud.query.detail;

import io.scopecloud.query.render.Keys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a viewer may not see ({@code hideCommandLineArguments}, {@code hideEnvironmentVariables}):
 * command lines cut to their first word, environment tables dropped. Unlike Scope, node details
 * censor their children too, not only the node itself.
 */
public record Censor(boolean hideCommandLineArguments, boolean hideEnvironmentVariables) {
    public static final Censor NONE = new Censor(false, false);

    public boolean isNone() {
        return !hideCommandLineArguments && !hideEnvironmentVariables;
    }

    static boolean isCommand(String key) {
        return key.equals(Keys.CMDLINE) || key.equals(Keys.DOCKER_CONTAINER_COMMAND);
    }

    static boolean isEnvironment(String key) {
        return key.startsWith(Keys.DOCKER_ENV_PREFIX);
    }

    public static String stripArguments(String command) {
        int space = command.indexOf(' ');
        return space < 0 ? command : command.substring(0, space);
    }

    public NodeSummary apply(NodeSummary s) {
        if (isNone()) {
            return s;
        }
        NodeSummary out = s;
        if (hideCommandLineArguments && !s.metadata().isEmpty()) {
            List<MetadataRow> rows = new ArrayList<>(s.metadata().size());
            for (MetadataRow row : s.metadata()) {
                rows.add(isCommand(row.id()) ? row.withValue(stripArguments(row.value())) : row);
            }
            out = out.withMetadata(rows);
        }
        if (hideEnvironmentVariables && !s.tables().isEmpty()) {
            out = out.withTables(
                    s.tables().stream().filter(t -> !isEnvironment(t.id())).toList());
        }
        return out;
    }

    public Map<String, NodeSummary> apply(Map<String, NodeSummary> summaries) {
        if (isNone()) {
            return summaries;
        }
        Map<String, NodeSummary> out = new HashMap<>(Math.max(16, summaries.size() * 2));
        summaries.forEach((k, v) -> out.put(k, apply(v)));
        return out;
    }

    public NodeDetails apply(NodeDetails d) {
        if (isNone()) {
            return d;
        }
        List<NodeDetails.ChildGroup> children = d.children().stream()
                .map(g -> new NodeDetails.ChildGroup(
                        g.id(), g.label(), g.nodes().stream().map(this::apply).toList(), g.topologyId(), g.columns()))
                .toList();
        return new NodeDetails(apply(d.summary()), d.controls(), children, d.connections());
    }
}
