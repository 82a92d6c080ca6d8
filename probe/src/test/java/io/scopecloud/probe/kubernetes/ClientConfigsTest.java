package io.scopecloud.probe.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientConfigsTest {
    @TempDir
    Path dir;

    private static KubernetesOptions options(
            String server, String kubeconfig, String context, String cluster, String user, String token) {
        return new KubernetesOptions(
                true,
                KubernetesRole.CLUSTER,
                server,
                kubeconfig,
                context,
                cluster,
                user,
                token,
                "",
                "",
                "",
                "",
                "",
                false,
                "",
                0,
                Duration.ofSeconds(10));
    }

    @Test
    void inAPodTheServiceAccountIsUsed() throws IOException {
        Files.writeString(dir.resolve("token"), "sa-token\n");
        Config config = ClientConfigs.from(
                options("", "", "", "", "", ""),
                Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443"),
                dir);

        assertThat(config.getMasterUrl()).isEqualTo("https://10.96.0.1:443/");
        assertThat(config.getOauthTokenProvider().getToken()).isEqualTo("sa-token");
    }

    @Test
    void outsideAPodWithoutServerOrKubeconfigTheErrorSaysWhatToPass() {
        assertThatThrownBy(() -> ClientConfigs.from(options("", "", "", "", "", ""), Map.of(), dir))
                .isInstanceOf(ClientConfigs.ConfigException.class)
                .hasMessageContaining("KUBERNETES_SERVICE_HOST")
                .hasMessageContaining("--probe.kubernetes.server");
    }

    @Test
    void theServerAndTokenFlagsAreUsed() {
        Config config = ClientConfigs.from(options("https://api.example:6443", "", "", "", "", "tok"), Map.of(), dir);
        assertThat(config.getMasterUrl()).isEqualTo("https://api.example:6443/");
        assertThat(config.getOauthToken()).isEqualTo("tok");
    }

    @Test
    void aKubeconfigsContextOrANamedClusterAndUserArePicked() throws IOException {
        Path kubeconfig = dir.resolve("config");
        Files.writeString(
                kubeconfig,
                """
                apiVersion: v1
                kind: Config
                current-context: a
                clusters:
                - name: ca
                  cluster: {server: "https://a.example:6443"}
                - name: cb
                  cluster: {server: "https://b.example:6443"}
                users:
                - name: ua
                  user: {token: token-a}
                - name: ub
                  user: {token: token-b}
                contexts:
                - name: a
                  context: {cluster: ca, user: ua}
                - name: b
                  context: {cluster: cb, user: ub}
                """);
        Config current = ClientConfigs.from(options("", kubeconfig.toString(), "", "", "", ""), Map.of(), dir);
        assertThat(current.getMasterUrl()).isEqualTo("https://a.example:6443/");
        assertThat(current.getAutoOAuthToken()).isEqualTo("token-a");

        Config context = ClientConfigs.from(options("", kubeconfig.toString(), "b", "", "", ""), Map.of(), dir);
        assertThat(context.getMasterUrl()).isEqualTo("https://b.example:6443/");

        Config mixed = ClientConfigs.from(options("", kubeconfig.toString(), "a", "cb", "", ""), Map.of(), dir);
        assertThat(mixed.getMasterUrl()).isEqualTo("https://b.example:6443/");
        assertThat(mixed.getAutoOAuthToken()).isEqualTo("token-a");

        assertThatThrownBy(
                        () -> ClientConfigs.from(options("", kubeconfig.toString(), "nope", "", "", ""), Map.of(), dir))
                .hasMessageContaining("no context nope");
    }
}
