package io.scopecloud.query.app;

import io.scopecloud.query.detail.Censor;
import io.scopecloud.query.render.Keys;
import io.scopecloud.report.LatestEntry;
import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.Topology;
import io.scopecloud.report.TopologyType;
import java.util.HashMap;
import java.util.Map;

/** Scope's {@code CensorRawReport}: the merged report without what the viewer may not see. */
final class ReportCensor {
    private ReportCensor() {}

    @SuppressWarnings("ReferenceEquality") // on purpose: censor() returns the node itself if it hides nothing
    static Report apply(Report r, Censor censor) {
        if (censor.isNone()) {
            return r;
        }
        Report out = r;
        for (TopologyType type : TopologyType.values()) {
            Topology t = r.topology(type);
            Map<String, Node> changed = null;
            for (Map.Entry<String, Node> e : t.nodes().entrySet()) {
                Node n = censor(e.getValue(), censor);
                if (n != e.getValue()) {
                    if (changed == null) {
                        changed = new HashMap<>(t.nodes());
                    }
                    changed.put(e.getKey(), n);
                }
            }
            if (changed != null) {
                out = out.withTopology(type, t.withNodes(changed));
            }
        }
        return out;
    }

    private static Node censor(Node n, Censor censor) {
        Node out = n;
        for (Map.Entry<String, LatestEntry> e : n.latest().entrySet()) {
            String key = e.getKey();
            if (censor.hideEnvironmentVariables() && key.startsWith(Keys.DOCKER_ENV_PREFIX)) {
                out = out.withoutLatest(key);
            } else if (censor.hideCommandLineArguments()
                    && (key.equals(Keys.CMDLINE) || key.equals(Keys.DOCKER_CONTAINER_COMMAND))) {
                String stripped = Censor.stripArguments(e.getValue().value());
                if (!stripped.equals(e.getValue().value())) {
                    out = out.withLatest(key, e.getValue().timestamp(), stripped);
                }
            }
        }
        return out;
    }
}
