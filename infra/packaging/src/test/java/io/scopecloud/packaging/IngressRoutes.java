package io.scopecloud.packaging;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where ingress-nginx sends a request path, given Ingresses with {@code use-regex}: every path of
 * the host becomes a case-insensitive regular expression location anchored at the start, tried
 * longest path first; the first that matches wins.
 */
final class IngressRoutes {
    /** A path of one Ingress, to one Service. */
    record Route(Ingress ingress, String path, String service, String port) {}

    private final List<Route> routes;

    IngressRoutes(List<Ingress> ingresses, String host) {
        List<Route> all = new ArrayList<>();
        for (Ingress ingress : ingresses) {
            if (!"true".equals(ingress.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/use-regex"))) {
                throw new AssertionError(ingress.getMetadata().getName() + " is not use-regex: its paths are prefixes");
            }
            for (IngressRule rule : ingress.getSpec().getRules()) {
                if (!host.equals(rule.getHost())) {
                    continue;
                }
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    var backend = path.getBackend().getService();
                    all.add(new Route(
                            ingress,
                            path.getPath(),
                            backend.getName(),
                            backend.getPort().getName()));
                }
            }
        }
        all.sort(Comparator.comparingInt((Route r) -> r.path().length()).reversed());
        this.routes = List.copyOf(all);
    }

    List<Route> all() {
        return routes;
    }

    Optional<Route> route(String requestPath) {
        return routes.stream()
                .filter(r -> Pattern.compile("^" + r.path(), Pattern.CASE_INSENSITIVE)
                        .matcher(requestPath)
                        .lookingAt())
                .findFirst();
    }
}
