package io.scopecloud.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * infra/kubernetes/service rendered with {@code kubectl kustomize} and read with fabric8's model:
 * every object is a kind the model knows, selectors select the pods, ports and probes reach what
 * the services listen on, every setting the operator files require is given (secrets by
 * reference), and the Ingress routes each path to the service the README's table names.
 */
class KubernetesManifestsTest {
    private static final List<String> SERVICES = List.of("ingest", "query", "control");
    private static final String NAMESPACE = "scope-cloud";
    private static final String HOST = "scope.example.com";
    /** Settings that are secrets: never a literal, never in a ConfigMap. */
    private static final Set<String> SECRETS = Set.of("SCOPE_CLOUD_DATABASE_PASSWORD", "SCOPE_CLOUD_INTERNAL_SECRET");

    private static RenderedManifests manifests;

    @BeforeAll
    static void render() throws Exception {
        manifests = RenderedManifests.render(Repo.root().resolve("infra/kubernetes/service"));
    }

    @Test
    void everyObjectIsAKindTheModelKnowsInTheServicesNamespace() {
        assertThat(manifests.all()).isNotEmpty();
        for (HasMetadata object : manifests.all()) {
            assertThat(object).as(object.getKind()).isNotInstanceOf(GenericKubernetesResource.class);
            if (!(object instanceof Namespace)) {
                assertThat(object.getMetadata().getNamespace())
                        .as(object.getKind() + " " + object.getMetadata().getName())
                        .isEqualTo(NAMESPACE);
            }
            assertThat(object.getMetadata().getLabels()).containsEntry("app.kubernetes.io/part-of", "scope-cloud");
        }
        assertThat(manifests.all(Deployment.class))
                .extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(SERVICES);
    }

    @Test
    void eachDeploymentRunsItsServiceFromTheImageAndSelectsItsOwnPods() {
        for (String name : SERVICES) {
            Deployment deployment = manifests.named(Deployment.class, name);
            Map<String, String> podLabels =
                    deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(RenderedManifests.selects(
                            deployment.getSpec().getSelector().getMatchLabels(), podLabels))
                    .as(name + "'s selector matches its pods")
                    .isTrue();
            for (Deployment other : manifests.all(Deployment.class)) {
                if (!other.getMetadata().getName().equals(name)) {
                    assertThat(RenderedManifests.selects(
                                    deployment.getSpec().getSelector().getMatchLabels(),
                                    other.getSpec().getTemplate().getMetadata().getLabels()))
                            .as(name + "'s selector also takes "
                                    + other.getMetadata().getName() + "'s pods")
                            .isFalse();
                }
            }
            Container container =
                    onlyContainer(deployment.getSpec().getTemplate().getSpec());
            assertThat(container.getArgs()).containsExactly(name);
            assertThat(container.getImage()).isEqualTo("localhost/scope-cloud:0.1.0-SNAPSHOT");
            assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void servicesSelectOneDeploymentsPodsAndTargetAPortItsContainerOpens() throws Exception {
        for (String name : SERVICES) {
            Service service = manifests.named(Service.class, name);
            List<Deployment> selected = manifests.all(Deployment.class).stream()
                    .filter(d -> RenderedManifests.selects(
                            service.getSpec().getSelector(),
                            d.getSpec().getTemplate().getMetadata().getLabels()))
                    .toList();
            assertThat(selected).extracting(d -> d.getMetadata().getName()).containsExactly(name);
            Container container =
                    onlyContainer(selected.get(0).getSpec().getTemplate().getSpec());
            int publicPort = HostedSettings.of(name).intDefault("SCOPE_CLOUD_PORT");
            for (ServicePort port : service.getSpec().getPorts()) {
                ContainerPort target = RenderedManifests.port(container, port.getTargetPort());
                assertThat(target.getContainerPort())
                        .as("%s's Service reaches the public connector (infra/hosted/%s.yml)", name, name)
                        .isEqualTo(publicPort);
            }
        }
    }

    @Test
    void probesAskTheAdminConnectorsHealthPathsOnThePortItListensOnForThePod() throws Exception {
        for (String name : SERVICES) {
            Deployment deployment = manifests.named(Deployment.class, name);
            Container container =
                    onlyContainer(deployment.getSpec().getTemplate().getSpec());
            HostedSettings settings = HostedSettings.of(name);
            Map<String, String> env = ContainerEnvironment.of(container, manifests);
            int adminPort = Integer.parseInt(env.getOrDefault(
                    "SCOPE_CLOUD_ADMIN_PORT", settings.defaults().get("SCOPE_CLOUD_ADMIN_PORT")));
            // the kubelet calls the pod's address: an admin connector on 127.0.0.1 would never answer
            assertThat(env.get("SCOPE_CLOUD_ADMIN_BIND")).as(name).isIn("0.0.0.0", "::");

            assertProbe(name + " readiness", container, container.getReadinessProbe(), "/health/ready", adminPort);
            assertProbe(name + " liveness", container, container.getLivenessProbe(), "/health/live", adminPort);
            assertProbe(name + " startup", container, container.getStartupProbe(), "/health/live", adminPort);
        }
        // the paths are the ones service-ops serves on the admin connector
        String ops =
                Files.readString(Repo.root().resolve("service-ops/src/main/java/io/scopecloud/ops/OpsBundle.java"));
        assertThat(ops).contains("\"/health/*\"");
        String health =
                Files.readString(Repo.root().resolve("service-ops/src/main/java/io/scopecloud/ops/HealthServlet.java"));
        assertThat(health).contains("\"/ready\"").contains("\"/live\"");
    }

    private static void assertProbe(String what, Container container, Probe probe, String path, int adminPort) {
        assertThat(probe).as(what).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get).as(what + " is an HTTP GET").isNotNull();
        assertThat(get.getPath()).as(what).isEqualTo(path);
        assertThat(RenderedManifests.port(container, get.getPort()).getContainerPort())
                .as(what + " port")
                .isEqualTo(adminPort);
    }

    @Test
    void everySettingTheOperatorFilesRequireIsGivenAndSecretsOnlyByReference() throws Exception {
        assertThat(manifests.all(Secret.class))
                .as("secrets are the operator's, not in the base")
                .isEmpty();
        for (ConfigMap map : manifests.all(ConfigMap.class)) {
            assertThat(map.getData().keySet()).as("secrets in a ConfigMap").doesNotContainAnyElementsOf(SECRETS);
        }
        for (String name : SERVICES) {
            Container container = onlyContainer(manifests
                    .named(Deployment.class, name)
                    .getSpec()
                    .getTemplate()
                    .getSpec());
            assertSettingsGiven(
                    name,
                    ContainerEnvironment.of(container, manifests),
                    HostedSettings.of(name).required());
        }
        // the migration runs query's file (./scope-cloud query db migrate): it needs its database
        Container migrate = onlyContainer(
                manifests.named(Job.class, "db-migrate").getSpec().getTemplate().getSpec());
        assertThat(migrate.getArgs()).containsExactly("db", "migrate");
        Map<String, String> required =
                new java.util.TreeMap<>(HostedSettings.of("query").required());
        required.keySet().removeIf(setting -> !setting.startsWith("SCOPE_CLOUD_DATABASE_"));
        assertThat(required).containsKeys("SCOPE_CLOUD_DATABASE_URL", "SCOPE_CLOUD_DATABASE_PASSWORD");
        assertSettingsGiven("db-migrate", ContainerEnvironment.of(migrate, manifests), required);
    }

    private static void assertSettingsGiven(String what, Map<String, String> env, Map<String, String> required) {
        assertThat(required).as(what + " requires something").isNotEmpty();
        for (Map.Entry<String, String> setting : required.entrySet()) {
            String name = setting.getKey();
            assertThat(env)
                    .as("%s: %s (default '%s')", what, name, setting.getValue())
                    .containsKey(name);
            String value = env.get(name);
            if (SECRETS.contains(name)) {
                assertThat(value).as(what + ": " + name).startsWith("secret:scope-cloud/");
            } else {
                assertThat(value)
                        .as("%s: %s must not be left at a one-machine value", what, name)
                        .isNotBlank()
                        .doesNotContain("localhost")
                        .doesNotContain("127.0.0.1");
            }
        }
    }

    @Test
    void peersReachEachQueryAndControlPodAtItsOwnAddress() {
        for (String name : List.of("query", "control")) {
            Container container = onlyContainer(manifests
                    .named(Deployment.class, name)
                    .getSpec()
                    .getTemplate()
                    .getSpec());
            Map<String, String> env = ContainerEnvironment.of(container, manifests);
            assertThat(env.get("POD_IP")).isEqualTo("field:status.podIP");
            assertThat(env.get("SCOPE_CLOUD_ADVERTISED_URL")).isEqualTo("http://field:status.podIP:4040");
        }
    }

    @Test
    void theIngressRoutesEachPathAsTheReadmesTableSays() {
        IngressRoutes routes = new IngressRoutes(manifests.all(Ingress.class), HOST);
        String org = "7f9c0b4e-2d1a-4c3b-9e8f-0a1b2c3d4e5f";
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("/api/report", "ingest");
        expected.put("/api", "ingest");
        expected.put("/api/control/ws", "control");
        expected.put("/api/pipe/pipe-123/probe", "control");
        expected.put("/api/app/" + org + "/api/control/probe-1/host;<host>/host_exec", "control");
        expected.put("/api/app/" + org + "/api/pipe/pipe-123", "control");
        expected.put("/api/app/" + org + "/api/pipe/pipe-123/check", "control");
        expected.put("/api/app/" + org + "/api/topology/processes/ws", "query");
        expected.put("/api/app/" + org + "/api/topology", "query");
        expected.put("/api/pipe/pipe-123/ui", "query");
        expected.put("/api/reports", "query");
        expected.put("/api/signup", "query");
        expected.put("/", "query");
        expected.put("/install.sh", "query");
        expected.forEach((path, service) -> assertThat(routes.route(path))
                .as(path)
                .hasValueSatisfying(r -> assertThat(r.service()).isEqualTo(service)));

        for (String internal : List.of("/internal", "/internal/control/" + org + "/probe-1", "/INTERNAL/pipe/x")) {
            Ingress denying = routes.route(internal).orElseThrow().ingress();
            assertThat(denying.getMetadata().getAnnotations())
                    .as(internal + " is refused to every address")
                    .containsEntry("nginx.ingress.kubernetes.io/denylist-source-range", "0.0.0.0/0,::/0");
        }
        assertThat(routes.route("/internalise").orElseThrow().service()).isEqualTo("query");

        for (IngressRoutes.Route route : routes.all()) {
            Service service = manifests.named(Service.class, route.service());
            assertThat(service.getSpec().getPorts())
                    .extracting(ServicePort::getName)
                    .contains(route.port());
        }
    }

    @Test
    void websocketsAndReportsFitThroughTheIngress() {
        Map<String, String> annotations =
                manifests.named(Ingress.class, "scope-cloud").getMetadata().getAnnotations();
        assertThat(Integer.parseInt(annotations.get("nginx.ingress.kubernetes.io/proxy-read-timeout")))
                .as("an idle websocket (topology, control, pipe) stays open")
                .isGreaterThanOrEqualTo(3600);
        assertThat(Integer.parseInt(annotations.get("nginx.ingress.kubernetes.io/proxy-send-timeout")))
                .isGreaterThanOrEqualTo(3600);
        assertThat(annotations.get("nginx.ingress.kubernetes.io/proxy-body-size"))
                .as("ingest.maxBodySize, 10 MiB")
                .isEqualTo("10m");
    }

    @Test
    void autoscalersAndDisruptionBudgetsTargetEachDeploymentAndLetANodeDrain() {
        for (String name : SERVICES) {
            Deployment deployment = manifests.named(Deployment.class, name);
            HorizontalPodAutoscaler hpa = manifests.named(HorizontalPodAutoscaler.class, name);
            assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
            assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(name);
            assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
            assertThat(hpa.getSpec().getMaxReplicas())
                    .isGreaterThan(hpa.getSpec().getMinReplicas());
            // CPU utilisation is relative to the request: without one the HPA does nothing
            Container container =
                    onlyContainer(deployment.getSpec().getTemplate().getSpec());
            assertThat(container.getResources().getRequests()).containsKey("cpu");

            PodDisruptionBudget pdb = manifests.named(PodDisruptionBudget.class, name);
            assertThat(RenderedManifests.selects(
                            pdb.getSpec().getSelector().getMatchLabels(),
                            deployment.getSpec().getTemplate().getMetadata().getLabels()))
                    .isTrue();
            assertThat(pdb.getSpec().getMinAvailable().getIntVal())
                    .as("a drain may take one pod of the smallest scale")
                    .isLessThan(hpa.getSpec().getMinReplicas());
        }
    }

    @Test
    void onlyTheIngressControllerAndPeersReachThePublicPortAndOnlyPeersAndMonitoringTheAdminPort() {
        List<NetworkPolicy> policies = manifests.all(NetworkPolicy.class);
        assertThat(policies).hasSize(1);
        NetworkPolicy policy = policies.get(0);
        for (Deployment deployment : manifests.all(Deployment.class)) {
            assertThat(RenderedManifests.selects(
                            policy.getSpec().getPodSelector().getMatchLabels(),
                            deployment.getSpec().getTemplate().getMetadata().getLabels()))
                    .as(deployment.getMetadata().getName() + " is under the policy")
                    .isTrue();
        }
        assertThat(policy.getSpec().getPolicyTypes()).contains("Ingress");
        Set<Integer> ports = new TreeSet<>();
        for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
            assertThat(rule.getFrom())
                    .as("a rule without 'from' admits everyone")
                    .isNotEmpty();
            assertThat(rule.getPorts())
                    .as("a rule without ports admits every port")
                    .isNotEmpty();
            int port = rule.getPorts().get(0).getPort().getIntVal();
            ports.add(port);
            for (NetworkPolicyPeer peer : rule.getFrom()) {
                assertThat(peer.getIpBlock()).as("no address ranges").isNull();
                String from = peer.getNamespaceSelector() != null
                        ? "namespace:"
                                + peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name")
                        : "pods:" + peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/part-of");
                if (port == 4041) {
                    assertThat(from).as("admin port").isIn("namespace:monitoring", "pods:scope-cloud");
                } else {
                    assertThat(from).as("public port").isIn("namespace:ingress-nginx", "pods:scope-cloud");
                }
                if (peer.getNamespaceSelector() == null) {
                    assertThat(peer.getPodSelector().getMatchLabels()).hasSize(1);
                }
            }
        }
        assertThat(ports).containsExactly(4040, 4041);
    }

    @Test
    void podsRunAsAnUnprivilegedUserOnAReadOnlyRoot() {
        List<PodSpec> pods = new java.util.ArrayList<>();
        manifests
                .all(Deployment.class)
                .forEach(d -> pods.add(d.getSpec().getTemplate().getSpec()));
        manifests.all(Job.class).forEach(j -> pods.add(j.getSpec().getTemplate().getSpec()));
        assertThat(pods).hasSize(4);
        for (PodSpec pod : pods) {
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
            assertThat(pod.getAutomountServiceAccountToken()).isFalse();
            Container container = onlyContainer(pod);
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation())
                    .isFalse();
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem())
                    .isTrue();
            assertThat(container.getSecurityContext().getCapabilities().getDrop())
                    .containsExactly("ALL");
            assertThat(container.getVolumeMounts())
                    .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
            assertThat(container.getResources().getLimits()).containsKey("memory");
        }
    }

    private static Container onlyContainer(PodSpec pod) {
        assertThat(pod.getContainers()).hasSize(1);
        return pod.getContainers().get(0);
    }
}
