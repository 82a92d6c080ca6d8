package io.scopecloud.ui;

import static java.util.Objects.requireNonNull;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The probe, one command away (issue 20): {@code GET /install.sh} is the installer, templated with
 * this service's public URL, the probe's version and the SHA-256 of what it downloads;
 * {@code /install/scope}, {@code /install/probe-<version>.jar} and {@code /install/SHA256SUMS}
 * are what it downloads. Nothing here takes a token: install.sh gets it from its own arguments.
 */
@Path("/")
public final class InstallResource {
    static final String SCRIPT_TEMPLATE = "/io/scopecloud/ui/install/install.sh";

    private final Optional<ProbeDistribution> probe;
    private final Optional<String> publicUrl;
    private final String template;

    /**
     * @param publicUrl the service's public URL ({@code tenancy.publicUrl}); empty: the URL each
     *     request came in on
     */
    InstallResource(Optional<ProbeDistribution> probe, Optional<URI> publicUrl) {
        this.probe = requireNonNull(probe, "probe is null");
        this.publicUrl = publicUrl.map(u -> checkedUrl(u.toString()));
        this.template = load(SCRIPT_TEMPLATE);
    }

    @GET
    @Path("install.sh")
    public Response installScript(@Context UriInfo uri) {
        ProbeDistribution p = require();
        String url = publicUrl.orElseGet(() -> checkedUrl(uri.getBaseUri().toString()));
        String script = template.replace("@SERVICE_URL@", url)
                .replace("@VERSION@", p.version())
                .replace("@SCOPE_SHA256@", p.scriptSha256())
                .replace("@JAR_SHA256@", p.jarSha256());
        return text(script, "no-cache");
    }

    @GET
    @Path("install/scope")
    public Response scopeScript() {
        return Response.ok(require().script(), "text/plain; charset=utf-8")
                .header("Cache-Control", "no-cache")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    @GET
    @Path("install/SHA256SUMS")
    public Response sums() {
        return text(require().sha256Sums(), "no-cache");
    }

    @GET
    @Path("install/{jar: probe-[^/]+\\.jar}")
    public Response probeJar(@PathParam("jar") String jar) {
        ProbeDistribution p = require();
        if (!jar.equals(p.jarName())) {
            throw new NotFoundException("this service serves " + p.jarName() + ", not " + jar);
        }
        return Response.ok(p.jar().toFile(), "application/java-archive")
                .header("Cache-Control", "public, max-age=31536000, immutable")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "attachment; filename=\"" + p.jarName() + "\"")
                .build();
    }

    private ProbeDistribution require() {
        return probe.orElseThrow(() -> new NotFoundException(
                "this install has no probe jar to serve (probe-<version>-all.jar beside the probe's classes)"));
    }

    private static Response text(String body, String cacheControl) {
        return Response.ok(body, "text/plain; charset=utf-8")
                .header("Cache-Control", cacheControl)
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    /** The URL without its trailing slash; it lands in single quotes in sh, so it may not hold one. */
    static String checkedUrl(String url) {
        String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (!u.matches("https?://[!-&(-~]+")) {
            throw new IllegalArgumentException("not a public URL install.sh can use: " + url);
        }
        return u;
    }

    private static String load(String resource) {
        try (InputStream in = InstallResource.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing from the classpath: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
