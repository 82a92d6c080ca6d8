package io.scopecloud.probe.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The probe's manifests in {@code infra/kubernetes/probe/}, read with fabric8's model. */
final class ProbeManifests {
    static final Path DIR = Path.of("..", "infra", "kubernetes", "probe");

    private ProbeManifests() {}

    static List<HasMetadata> load(String file) {
        try {
            String yaml = Files.readString(DIR.resolve(file));
            List<HasMetadata> objects = new ArrayList<>();
            for (String doc : yaml.split("(?m)^---\\s*$")) {
                if (doc.lines().anyMatch(l -> l.startsWith("kind:"))) {
                    objects.add(Serialization.unmarshal(doc, HasMetadata.class));
                }
            }
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T extends HasMetadata> T only(String file, Class<T> type) {
        List<T> found =
                load(file).stream().filter(type::isInstance).map(type::cast).toList();
        if (found.size() != 1) {
            throw new AssertionError(file + " holds " + found.size() + " " + type.getSimpleName());
        }
        return found.get(0);
    }

    /** The probe's ClusterRole as "group/resource:verb" grants ("" is the core group). */
    static Set<String> grants() {
        Set<String> grants = new TreeSet<>();
        for (PolicyRule rule : only("rbac.yaml", ClusterRole.class).getRules()) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        grants.add(group + "/" + resource + ":" + verb);
                    }
                }
            }
        }
        return grants;
    }

    /**
     * The grant an API request needs, as the API server's authorizer sees it ("group/resource:verb");
     * empty for discovery, which every authenticated client may read.
     */
    static Optional<String> needed(RecordedRequest request) {
        String full = request.getPath();
        int q = full.indexOf('?');
        String path = q < 0 ? full : full.substring(0, q);
        String query = q < 0 ? "" : full.substring(q + 1);
        List<String> parts = new ArrayList<>(List.of(path.replaceFirst("^/", "").split("/")));
        String group;
        if (parts.get(0).equals("api") && parts.size() > 2) {
            group = "";
            parts = parts.subList(2, parts.size());
        } else if (parts.get(0).equals("apis") && parts.size() > 3) {
            group = parts.get(1);
            parts = parts.subList(3, parts.size());
        } else {
            return Optional.empty();
        }
        if (parts.get(0).equals("namespaces") && parts.size() >= 3) {
            parts = parts.subList(2, parts.size());
        }
        String resource = parts.get(0) + (parts.size() > 2 ? "/" + parts.get(2) : "");
        boolean named = parts.size() > 1;
        String verb =
                switch (request.getMethod()) {
                    case "GET" -> named ? "get" : query.contains("watch=true") ? "watch" : "list";
                    case "POST" -> "create";
                    case "PUT" -> "update";
                    case "PATCH" -> "patch";
                    case "DELETE" -> "delete";
                    default -> request.getMethod();
                };
        return Optional.of(group + "/" + resource + ":" + verb);
    }
}
