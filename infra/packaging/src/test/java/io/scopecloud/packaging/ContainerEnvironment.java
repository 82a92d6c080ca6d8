package io.scopecloud.packaging;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a container's environment will hold, as Kubernetes builds it: {@code envFrom} ConfigMaps
 * first, then {@code env} entries (which win). A literal value is kept as it is (with {@code
 * $(VAR)} references expanded from earlier entries); a value from elsewhere is described as
 * {@code secret:<name>/<key>} or {@code field:<path>}.
 */
final class ContainerEnvironment {
    private ContainerEnvironment() {}

    static Map<String, String> of(Container container, RenderedManifests manifests) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                env.putAll(manifests.configMapData(from.getConfigMapRef().getName()));
            } else {
                throw new AssertionError(container.getName() + ": envFrom other than a ConfigMap: " + from);
            }
        }
        for (EnvVar var : container.getEnv()) {
            env.put(var.getName(), source(var, env));
        }
        return env;
    }

    private static String source(EnvVar var, Map<String, String> earlier) {
        if (var.getValueFrom() == null) {
            String value = var.getValue() == null ? "" : var.getValue();
            for (Map.Entry<String, String> e : earlier.entrySet()) {
                value = value.replace("$(" + e.getKey() + ")", e.getValue());
            }
            return value;
        }
        SecretKeySelector secret = var.getValueFrom().getSecretKeyRef();
        if (secret != null) {
            return "secret:" + secret.getName() + "/" + secret.getKey();
        }
        if (var.getValueFrom().getFieldRef() != null) {
            return "field:" + var.getValueFrom().getFieldRef().getFieldPath();
        }
        throw new AssertionError(var.getName() + ": a source this test does not know: " + var.getValueFrom());
    }
}
