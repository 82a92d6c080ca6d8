package io.scopecloud.ui;

import static java.util.Objects.requireNonNull;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /install/kubernetes.yaml}: the probe's manifests ({@code infra/kubernetes/probe}, ADR 0017) as one file,
 * naming this service by its public URL (else the URL the request came in on) and the probe image of this version,
 * for {@code kubectl apply -f}. The token is never in it: the probes read it from the Secret
 * {@code scope-cloud-probe-token}, which the onboarding page's first command creates.
 */
@Path("/install/kubernetes.yaml")
public final class KubernetesManifestResource {
    static final String DIR = "/io/scopecloud/ui/install/kubernetes/";
    static final List<String> FILES = List.of("rbac.yaml", "daemonset.yaml", "deployment.yaml");
    /** How the files name the service and the image, for the service to fill in. */
    static final String SERVICE_URL_LINE = "value: https://scope.example.com # the service's public URL";

    static final String IMAGE_LINE = "image: scope-cloud-probe";

    private final Optional<String> publicUrl;
    private final String image;
    private final String template;

    KubernetesManifestResource(Optional<URI> publicUrl, String image) {
        this.publicUrl =
                requireNonNull(publicUrl, "publicUrl is null").map(u -> InstallResource.checkedUrl(u.toString()));
        this.image = requireNonNull(image, "image is null");
        StringBuilder all = new StringBuilder();
        for (String file : FILES) {
            String yaml = load(DIR + file);
            all.append(all.isEmpty() ? "" : "---\n").append(yaml.endsWith("\n") ? yaml : yaml + "\n");
        }
        this.template = all.toString();
        if (!template.contains(SERVICE_URL_LINE) || !template.contains(IMAGE_LINE)) {
            throw new IllegalStateException("the probe's manifests no longer say '" + SERVICE_URL_LINE + "' and '"
                    + IMAGE_LINE + "': update " + KubernetesManifestResource.class.getSimpleName());
        }
    }

    @GET
    public Response manifests(@Context UriInfo uri) {
        String url = publicUrl.orElseGet(
                () -> InstallResource.checkedUrl(uri.getBaseUri().toString()));
        String yaml = template.replace(SERVICE_URL_LINE, "value: " + url).replace(IMAGE_LINE, "image: " + image);
        return Response.ok(yaml, "application/yaml; charset=utf-8")
                .header("Cache-Control", "no-cache")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    private static String load(String resource) {
        try (InputStream in = KubernetesManifestResource.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing from the classpath: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
