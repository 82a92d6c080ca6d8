package io.scopecloud.packaging;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A kustomize directory rendered by {@code kubectl kustomize} (as an operator's {@code kubectl
 * apply -k} would) and read into fabric8's typed model.
 */
final class RenderedManifests {
    static final Path KUBECTL = Path.of("/usr/bin/kubectl");

    private final List<HasMetadata> objects;

    private RenderedManifests(List<HasMetadata> objects) {
        this.objects = List.copyOf(objects);
    }

    static RenderedManifests render(Path dir) throws IOException, InterruptedException {
        if (!Files.isExecutable(KUBECTL)) {
            throw new IllegalStateException(
                    "kubectl is missing: .ci/test installs it (apt-get install -y kubernetes-client)");
        }
        Command rendered = Command.run(dir, Duration.ofMinutes(1), KUBECTL.toString(), "kustomize", ".");
        if (rendered.exit() != 0) {
            throw new IllegalStateException("kubectl kustomize " + dir + " failed:\n" + rendered.output());
        }
        return new RenderedManifests(parse(rendered.output()));
    }

    @SuppressWarnings("unchecked")
    private static List<HasMetadata> parse(String yaml) {
        Object parsed = new KubernetesSerialization().unmarshal(yaml);
        if (parsed instanceof List<?> list) {
            return (List<HasMetadata>) list;
        }
        return List.of((HasMetadata) parsed);
    }

    List<HasMetadata> all() {
        return objects;
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends HasMetadata> T named(Class<T> kind, String name) {
        return all(kind).stream()
                .filter(o -> o.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no " + kind.getSimpleName() + " " + name));
    }

    Map<String, String> configMapData(String name) {
        return named(ConfigMap.class, name).getData();
    }

    /** The container port a Service's targetPort or a probe's port names, by name or number. */
    static ContainerPort port(Container container, IntOrString port) {
        return container.getPorts().stream()
                .filter(p -> port.getIntVal() != null
                        ? p.getContainerPort().equals(port.getIntVal())
                        : port.getStrVal().equals(p.getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("container " + container.getName() + " has no port " + port));
    }

    /** True when every label of the selector is on the pod. */
    static boolean selects(Map<String, String> selector, Map<String, String> podLabels) {
        return !selector.isEmpty() && podLabels.entrySet().containsAll(selector.entrySet());
    }
}
