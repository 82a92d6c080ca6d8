package io.scopecloud.query.render;

import static io.scopecloud.query.render.Combinators.reduce;

import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.TopologyType;
import java.util.HashMap;
import java.util.Map;

/**
 * Scope's Kubernetes volume renderers (render/persistentvolume.go): claims to volumes, pods to
 * claims, storage classes to claims, volumes to snapshots, snapshots to their data. Like Scope,
 * a missing name matches a missing name.
 */
final class VolumeRenderers {
    private VolumeRenderers() {}

    static final Renderer KUBERNETES_VOLUMES = reduce(
            VolumeRenderers::volumes,
            VolumeRenderers::podsToVolumes,
            VolumeRenderers::claimsToStorageClasses,
            VolumeRenderers::volumesToSnapshots,
            VolumeRenderers::snapshots);

    private static String latest(Node n, String key) {
        return n.latestValue(key).orElse("");
    }

    private static Nodes volumes(RenderContext ctx) {
        Report r = ctx.report();
        Map<String, RenderNode> out = new HashMap<>();
        Object owner = new Object();
        r.topology(TopologyType.PERSISTENT_VOLUME_CLAIM).nodes().forEach((id, claim) -> {
            RenderNode n = RenderNode.of(id, claim).copy(owner);
            String volume = latest(claim, Keys.KUBERNETES_VOLUME_NAME);
            r.topology(TopologyType.PERSISTENT_VOLUME).nodes().forEach((pid, p) -> {
                if (volume.equals(latest(p, Keys.KUBERNETES_NAME))) {
                    link(n, RenderNode.of(pid, p), owner);
                }
            });
            out.put(n.id(), n);
        });
        return new Nodes(out, 0);
    }

    private static Nodes podsToVolumes(RenderContext ctx) {
        Report r = ctx.report();
        Map<String, RenderNode> out = new HashMap<>();
        Object owner = new Object();
        r.topology(TopologyType.POD).nodes().forEach((podId, pod) -> {
            var claims = pod.latestValue(Keys.KUBERNETES_VOLUME_CLAIM);
            if (claims.isEmpty()) {
                return;
            }
            RenderNode n = RenderNode.of(podId, pod).copy(owner);
            String namespace = latest(pod, Keys.KUBERNETES_NAMESPACE);
            for (String claimName : claims.get().split(";", -1)) {
                for (Map.Entry<String, Node> e :
                        r.topology(TopologyType.PERSISTENT_VOLUME_CLAIM).nodes().entrySet()) {
                    Node pvc = e.getValue();
                    if (claimName.equals(latest(pvc, Keys.KUBERNETES_NAME))
                            && namespace.equals(latest(pvc, Keys.KUBERNETES_NAMESPACE))) {
                        link(n, RenderNode.of(e.getKey(), pvc), owner);
                        break;
                    }
                }
            }
            out.put(n.id(), n);
        });
        return new Nodes(out, 0);
    }

    private static Nodes claimsToStorageClasses(RenderContext ctx) {
        Report r = ctx.report();
        Map<String, RenderNode> out = new HashMap<>();
        Object owner = new Object();
        r.topology(TopologyType.STORAGE_CLASS).nodes().forEach((scId, sc) -> {
            RenderNode n = RenderNode.of(scId, sc).copy(owner);
            String name = latest(sc, Keys.KUBERNETES_NAME);
            r.topology(TopologyType.PERSISTENT_VOLUME_CLAIM).nodes().forEach((pvcId, pvc) -> {
                if (name.equals(latest(pvc, Keys.KUBERNETES_STORAGE_CLASS_NAME))) {
                    link(n, RenderNode.of(pvcId, pvc), owner);
                }
            });
            out.put(n.id(), n);
        });
        return new Nodes(out, 0);
    }

    private static Nodes volumesToSnapshots(RenderContext ctx) {
        Report r = ctx.report();
        Map<String, RenderNode> out = new HashMap<>();
        Object owner = new Object();
        r.topology(TopologyType.PERSISTENT_VOLUME).nodes().forEach((pvId, pv) -> {
            RenderNode n = RenderNode.of(pvId, pv).copy(owner);
            String name = latest(pv, Keys.KUBERNETES_NAME);
            r.topology(TopologyType.VOLUME_SNAPSHOT).nodes().forEach((vsId, vs) -> {
                if (name.equals(latest(vs, Keys.KUBERNETES_VOLUME_NAME))) {
                    link(n, RenderNode.of(vsId, vs), owner);
                }
            });
            out.put(n.id(), n);
        });
        return new Nodes(out, 0);
    }

    private static Nodes snapshots(RenderContext ctx) {
        Report r = ctx.report();
        Map<String, RenderNode> out = new HashMap<>();
        Object owner = new Object();
        r.topology(TopologyType.VOLUME_SNAPSHOT).nodes().forEach((vsId, vs) -> {
            RenderNode n = RenderNode.of(vsId, vs).copy(owner);
            String data = latest(vs, Keys.KUBERNETES_SNAPSHOT_DATA);
            r.topology(TopologyType.VOLUME_SNAPSHOT_DATA).nodes().forEach((vsdId, vsd) -> {
                RenderNode d = RenderNode.of(vsdId, vsd);
                if (data.equals(latest(vsd, Keys.KUBERNETES_NAME))) {
                    link(n, d, owner);
                }
                out.put(d.id(), d);
            });
            out.put(n.id(), n);
        });
        return new Nodes(out, 0);
    }

    private static void link(RenderNode from, RenderNode to, Object owner) {
        from.addAdjacent(owner, to.id());
        from.addChild(owner, to);
    }
}
