package io.scopecloud.probe.plugins;

import io.scopecloud.report.Control;
import io.scopecloud.report.LatestEntry;
import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.Topology;
import io.scopecloud.report.TopologyType;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Renames a controller plugin's controls to {@code <pluginID>~<control>} (scope-contract §5), so
 * two plugins (or a plugin and the probe) cannot claim the same control id, and the probe knows
 * which plugin to call: the keys and ids of every topology's {@code controls}, and the matching
 * entries of every node's {@code active_controls}. Active controls a topology does not define
 * are left as they are.
 */
public final class PluginControlNames {
    public static final char SEPARATOR = '~';

    private PluginControlNames() {}

    /** The report with renamed controls, and the plugin's own (unprefixed) control ids. */
    public record Renamed(Report report, Set<String> controls) {}

    public static String prefixed(String pluginId, String control) {
        return pluginId + SEPARATOR + control;
    }

    /** Splits {@code plugin~control}; a name without {@code ~} has an empty plugin id. */
    public static String[] split(String prefixedControl) {
        int at = prefixedControl.indexOf(SEPARATOR);
        return at < 0
                ? new String[] {"", prefixedControl}
                : new String[] {prefixedControl.substring(0, at), prefixedControl.substring(at + 1)};
    }

    public static Renamed rename(Report report, String pluginId) {
        Set<String> controls = new TreeSet<>();
        Report result = report;
        for (TopologyType type : TopologyType.values()) {
            Topology topology = report.topology(type);
            if (topology.controls().isEmpty()) {
                continue;
            }
            Topology.Builder builder = topology.toBuilder().clearControls();
            for (Map.Entry<String, Control> entry : topology.controls().entrySet()) {
                Control c = entry.getValue();
                String id = prefixed(pluginId, entry.getKey());
                builder.control(id, new Control(id, c.human(), c.icon(), c.confirmation(), c.rank(), c.probeId()));
                controls.add(entry.getKey());
            }
            Map<String, Node> nodes = new HashMap<>(topology.nodes().size() * 2);
            topology.nodes().forEach((key, node) -> nodes.put(key, renameActive(node, topology, pluginId)));
            result = result.withTopology(type, builder.build().withNodes(nodes));
        }
        return new Renamed(result, controls);
    }

    private static Node renameActive(Node node, Topology topology, String pluginId) {
        LatestEntry active = node.latest().get(Node.ACTIVE_CONTROLS);
        if (active == null || active.value().isEmpty()) {
            return node;
        }
        StringBuilder renamed = new StringBuilder(active.value().length() + 16);
        for (String id : active.value().split(";", -1)) {
            if (id.isEmpty()) {
                continue;
            }
            if (renamed.length() > 0) {
                renamed.append(';');
            }
            renamed.append(topology.controls().containsKey(id) ? prefixed(pluginId, id) : id);
        }
        return node.withLatest(Node.ACTIVE_CONTROLS, active.timestamp(), renamed.toString());
    }
}
