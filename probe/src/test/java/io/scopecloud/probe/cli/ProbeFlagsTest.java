package io.scopecloud.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbeFlagsTest {
    private static final Map<String, String> ENV = Map.of("HOME", "/home/u");

    @Test
    void hasScopesDefaults() throws UsageException {
        ProbeConfig config = ProbeFlags.parse(List.of("--service-token=abc"), ENV);

        assertThat(config.token()).isEqualTo("abc");
        assertThat(config.serviceUrl()).isEqualTo(URI.create("http://localhost:4040"));
        assertThat(config.publishInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.spyInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.fullReportEvery()).isEqualTo(3);
        assertThat(config.pluginsRoot()).isEqualTo(Path.of("/var/run/scope/plugins"));
        assertThat(config.procRoot()).isEqualTo(Path.of("/proc"));
        // scope launch collects containers, as Weave Scope's does
        assertThat(config.docker()).isTrue();
        assertThat(config.dockerSocket()).isEqualTo(Path.of("/var/run/docker.sock"));
        assertThat(config.dockerInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.omitEnvironmentVariables()).isTrue();
        assertThat(config.hostExec()).isFalse();
        assertThat(config.kubernetes().enabled()).isFalse();
        assertThat(config.noControls()).isFalse();
        assertThat(config.processes()).isTrue();
        assertThat(config.publishFormat()).isEqualTo("msgpack");
        assertThat(config.foreground()).isFalse();
    }

    @Test
    void readsEveryFlagInGoSyntax() throws UsageException {
        ProbeConfig config = ProbeFlags.parse(
                List.of(
                        "-probe.token",
                        "t0k",
                        "--service-url=https://scope.example.com/base",
                        "--probe.publish.interval=500ms",
                        "-probe.spy.interval=1m30s",
                        "--probe.plugins.root=",
                        "--probe.proc.root",
                        "/host/proc",
                        "--probe.docker=false",
                        "--probe.docker.interval=3s",
                        "--probe.omit.env-vars=false",
                        "--probe.host-exec",
                        "--probe.kubernetes=true",
                        "--probe.no-controls",
                        "--probe.omit.cmd-args=1",
                        "--probe.publish.format=json",
                        "--probe.log.level=debug",
                        "--state-dir=/tmp/s",
                        "--no-daemon"),
                Map.of("HOME", "/home/u", "DOCKER_HOST", "unix:///run/podman/podman.sock"));

        assertThat(config.token()).isEqualTo("t0k");
        assertThat(config.serviceUrl()).isEqualTo(URI.create("https://scope.example.com/base"));
        assertThat(config.publishInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.spyInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.pluginsRoot()).isNull();
        assertThat(config.procRoot()).isEqualTo(Path.of("/host/proc"));
        assertThat(config.docker()).isFalse();
        assertThat(config.dockerSocket()).isEqualTo(Path.of("/run/podman/podman.sock"));
        assertThat(config.dockerInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.omitEnvironmentVariables()).isFalse();
        assertThat(config.hostExec()).isTrue();
        assertThat(config.kubernetes().enabled()).isTrue();
        assertThat(config.noControls()).isTrue();
        assertThat(config.omitCommandArguments()).isTrue();
        assertThat(config.publishFormat()).isEqualTo("json");
        assertThat(config.logLevel()).isEqualTo("debug");
        assertThat(config.stateDir()).isEqualTo(Path.of("/tmp/s"));
        assertThat(config.foreground()).isTrue();
    }

    @Test
    void takesTheTokenFromTheEnvironmentOrTheUrl() throws UsageException {
        assertThat(ProbeFlags.parse(List.of(), Map.of("SCOPE_SERVICE_TOKEN", "fromenv"))
                        .token())
                .isEqualTo("fromenv");
        ProbeConfig fromUrl = ProbeFlags.parse(List.of("https://urltoken@scope.example.com"), ENV);
        assertThat(fromUrl.token()).isEqualTo("urltoken");
        assertThat(fromUrl.serviceUrl()).isEqualTo(URI.create("https://scope.example.com"));
        assertThat(ProbeFlags.parse(List.of("--service-token=t", "scope.example.com:4040"), ENV)
                        .serviceUrl())
                .isEqualTo(URI.create("http://scope.example.com:4040"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--probe.docker | no probe token",
                "--service-token=t --bogus | unknown flag --bogus",
                "--service-token=t --probe.publish.interval=soon | --probe.publish.interval: invalid duration",
                "--service-token=t --probe.spy.interval=0s | --probe.spy.interval must be positive",
                "--service-token=t --probe.full-report-every=0 | --probe.full-report-every must be a whole number",
                "--service-token=t --probe.full-report-every=x | --probe.full-report-every must be a whole number",
                "--service-token=t --service-url=ftp://x | must be http:// or https://",
                "--service-token=t --probe.docker=maybe | --probe.docker must be true or false",
                "--service-token=t --probe.publish.format=xml | json or msgpack",
                "--service-token=t --probe.host-exec=yes | --probe.host-exec must be true or false",
                "--service-token=t --probe.docker.interval=0s | --probe.docker.interval must be positive",
                "--service-token=t --probe.kubernetes.interval=-1s | --probe.kubernetes.interval: invalid duration",
                "--service-token | needs a value"
            })
    void explainsBadCommandLines(String args, String message) {
        assertThatThrownBy(() -> ProbeFlags.parse(List.of(args.trim().split(" ")), ENV))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(message);
    }

    @Test
    void stopAndStatusNeedNoToken() throws UsageException {
        assertThat(ProbeFlags.parse(List.of("--state-dir=/tmp/x"), ENV, false).stateDir())
                .isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void childArgumentsReproduceTheConfigWithoutTheToken() throws UsageException {
        ProbeConfig config = ProbeFlags.parse(
                List.of(
                        "--service-token=secret",
                        "--probe.publish.interval=500ms",
                        "https://scope.example.com",
                        "--probe.no-controls",
                        "--probe.host-exec",
                        "--probe.omit.env-vars=false"),
                ENV);

        List<String> child = ProbeFlags.childArgs(config);

        assertThat(String.join(" ", child)).doesNotContain("secret");
        ProbeConfig again = ProbeFlags.parse(child, Map.of("SCOPE_SERVICE_TOKEN", "secret", "HOME", "/home/u"));
        assertThat(again).isEqualTo(config);
    }

    @Test
    void readsTheEnginesSocketFromDockerHost() throws UsageException {
        assertThat(ProbeFlags.dockerSocket(null)).isEqualTo(Path.of("/var/run/docker.sock"));
        assertThat(ProbeFlags.dockerSocket("unix:///tmp/d.sock")).isEqualTo(Path.of("/tmp/d.sock"));
        assertThatThrownBy(() -> ProbeFlags.dockerSocket("tcp://10.0.0.1:2375"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("must be a unix:// socket");
    }

    @ParameterizedTest
    @CsvSource({"3s, 3000", "500ms, 500", "1m, 60000", "1m30s, 90000", "1.5s, 1500", "2h, 7200000"})
    void parsesGoDurations(String text, long millis) {
        assertThat(GoDurations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void readsScopesKubernetesFlags() throws UsageException {
        ProbeConfig config = ProbeFlags.parse(
                List.of(
                        "--service-token=t",
                        "--probe.kubernetes=true",
                        "--probe.kubernetes.role=cluster",
                        "--probe.kubernetes.api=https://10.0.0.1:6443",
                        "--probe.kubernetes.kubeconfig=/etc/kube/config",
                        "--probe.kubernetes.context=prod",
                        "--probe.kubernetes.cluster=c1",
                        "--probe.kubernetes.user=u1",
                        "--probe.kubernetes.token=k8s-secret",
                        "--probe.kubernetes.certificate-authority=/ca.crt",
                        "--probe.kubernetes.client-certificate=/c.crt",
                        "--probe.kubernetes.client-key=/c.key",
                        "--probe.kubernetes.insecure-skip-tls-verify",
                        "--probe.kubernetes.interval=30s"),
                Map.of("HOME", "/home/u", "KUBERNETES_NODENAME", "node-7"));

        io.scopecloud.probe.kubernetes.KubernetesOptions k8s = config.kubernetes();
        assertThat(k8s.enabled()).isTrue();
        assertThat(k8s.role()).isEqualTo(io.scopecloud.probe.kubernetes.KubernetesRole.CLUSTER);
        assertThat(k8s.server()).as("the deprecated .api").isEqualTo("https://10.0.0.1:6443");
        assertThat(k8s.kubeconfig()).isEqualTo("/etc/kube/config");
        assertThat(k8s.context()).isEqualTo("prod");
        assertThat(k8s.cluster()).isEqualTo("c1");
        assertThat(k8s.user()).isEqualTo("u1");
        assertThat(k8s.token()).isEqualTo("k8s-secret");
        assertThat(k8s.certificateAuthority()).isEqualTo("/ca.crt");
        assertThat(k8s.clientCertificate()).isEqualTo("/c.crt");
        assertThat(k8s.clientKey()).isEqualTo("/c.key");
        assertThat(k8s.insecureSkipTlsVerify()).isTrue();
        assertThat(k8s.nodeName()).as("from $KUBERNETES_NODENAME").isEqualTo("node-7");
        assertThat(k8s.resync()).isEqualTo(Duration.ofSeconds(30));
        assertThat(k8s.watchesApi()).isTrue();
        assertThat(k8s.reportsHost()).isFalse();

        List<String> child = ProbeFlags.childArgs(config);
        assertThat(String.join(" ", child)).doesNotContain("k8s-secret");
        ProbeConfig again = ProbeFlags.parse(
                child, Map.of("SCOPE_SERVICE_TOKEN", "t", "SCOPE_KUBERNETES_TOKEN", "k8s-secret", "HOME", "/home/u"));
        assertThat(again).isEqualTo(config);
    }

    @Test
    void theNodeNameFlagWinsOverTheEnvironmentAndRolesSplitTheWork() throws UsageException {
        ProbeConfig host = ProbeFlags.parse(
                List.of(
                        "--service-token=t",
                        "--probe.kubernetes",
                        "--probe.kubernetes.role=host",
                        "--probe.kubernetes.node-name=vm"),
                Map.of("HOME", "/h", "KUBERNETES_NODENAME", "other"));
        assertThat(host.kubernetes().nodeName()).isEqualTo("vm");
        assertThat(host.kubernetes().watchesApi()).isFalse();
        assertThat(host.kubernetes().reportsHost()).isTrue();
        assertThat(host.kubernetes().tagsContainers()).isTrue();

        ProbeConfig both = ProbeFlags.parse(List.of("--service-token=t", "--probe.kubernetes"), Map.of("HOME", "/h"));
        assertThat(both.kubernetes().watchesApi()).isTrue();
        assertThat(both.kubernetes().reportsHost()).isTrue();
        assertThat(both.kubernetes().inCluster()).as("no server, no kubeconfig").isTrue();
    }

    @Test
    void theInformersNeverResyncUnlessAsked() throws UsageException {
        ProbeConfig plain = ProbeFlags.parse(List.of("--service-token=t", "--probe.kubernetes"), Map.of("HOME", "/h"));
        assertThat(plain.kubernetes().resync())
                .as("Scope 1.13's reflectors never resync")
                .isZero();
        assertThat(ProbeFlags.childArgs(plain)).contains("--probe.kubernetes.interval=0s");
        assertThat(ProbeFlags.parse(ProbeFlags.childArgs(plain), Map.of("SCOPE_SERVICE_TOKEN", "t", "HOME", "/h")))
                .isEqualTo(plain);
    }

    @Test
    void refusesAnUnknownKubernetesRole() {
        assertThatThrownBy(() -> ProbeFlags.parse(
                        List.of("--service-token=t", "--probe.kubernetes.role=master"), Map.of("HOME", "/h")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("host, cluster or empty");
    }

    @Test
    void helpListsTheKubernetesFlags() {
        assertThat(ProbeFlags.help())
                .contains("--probe.kubernetes.role")
                .contains("--probe.kubernetes.server")
                .contains("--probe.kubernetes.api")
                .contains("--probe.kubernetes.node-name")
                .contains("KUBERNETES_NODENAME")
                .doesNotContain("not yet supported");
    }
}
