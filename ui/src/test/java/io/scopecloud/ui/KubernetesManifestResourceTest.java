package io.scopecloud.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The probe's manifests served as one file, naming this service and the probe image, never a token. */
@ExtendWith(DropwizardExtensionsSupport.class)
class KubernetesManifestResourceTest {
    private static final ResourceExtension CONFIGURED = ResourceExtension.builder()
            .addResource(new KubernetesManifestResource(
                    Optional.of(URI.create("https://scope.acme.test/")), "localhost/scope-cloud-probe:1.2.3"))
            .build();
    private static final ResourceExtension UNCONFIGURED = ResourceExtension.builder()
            .addResource(new KubernetesManifestResource(Optional.empty(), "localhost/scope-cloud-probe:1.2.3"))
            .build();

    @Test
    void servesTheThreeManifestsWithThisServicesUrlAndTheProbeImage() {
        Response response =
                CONFIGURED.target("/install/kubernetes.yaml").request().get();
        String yaml = response.readEntity(String.class);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getMediaType().toString()).startsWith("application/yaml");
        assertThat(yaml)
                .contains(
                        "kind: Namespace\n",
                        "kind: ServiceAccount\n",
                        "kind: ClusterRole\n",
                        "kind: DaemonSet\n",
                        "kind: Deployment\n");
        assertThat(yaml.split("(?m)^---$", -1))
                .as("the three files' documents, one after another")
                .hasSize(6);
        assertThat(yaml.split("value: https://scope.acme.test\n", -1))
                .as("both roles' service URL")
                .hasSize(3);
        assertThat(yaml.split("image: localhost/scope-cloud-probe:1.2.3\n", -1)).hasSize(3);
        assertThat(yaml).doesNotContain("scope.example.com", "image: scope-cloud-probe\n");
        assertThat(yaml).contains("name: scope-cloud-probe-token").doesNotContain("scp_");
    }

    @Test
    void withoutAPublicUrlNamesTheServiceByTheRequestsUrl() {
        String yaml = UNCONFIGURED.target("/install/kubernetes.yaml").request().get(String.class);

        assertThat(yaml).containsPattern("value: http://localhost:\\d+\n").doesNotContain("scope.example.com");
    }
}
