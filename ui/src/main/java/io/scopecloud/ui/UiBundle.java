package io.scopecloud.ui;

import static java.util.Objects.requireNonNull;

import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.setup.Environment;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the web app built into this jar: its hashed files under {@code /assets/*} (the entry
 * chunk, the lazily loaded map and terminal chunks, the layout worker, the styles) by a servlet
 * (more specific than Jersey's {@code /*}, so it never sees API paths), and {@code index.html}
 * for {@code /} and every other path that no API resource claims, so that the app's own routes
 * ({@code /invite/<secret>}, {@code /app/<org>/map/...}) work when opened directly. It also serves
 * the probe's installer ({@link InstallResource}: {@code /install.sh}, {@code /install/*}).
 */
public final class UiBundle<C> implements ConfiguredBundle<C> {
    /** Where the build puts the app on the classpath. */
    static final String ROOT = "/scope-cloud-ui";

    private static final Logger log = LoggerFactory.getLogger(UiBundle.class);

    private final Function<? super C, Optional<URI>> publicUrl;

    /** install.sh names the service by the URL each request came in on. */
    public UiBundle() {
        this(configuration -> Optional.empty());
    }

    /**
     * install.sh names the service by its public URL ({@code tenancy.publicUrl}) when one is configured, else by the
     * URL each request came in on, as invitation links do.
     */
    public static <C> UiBundle<C> withPublicUrl(Function<? super C, Optional<URI>> publicUrl) {
        return new UiBundle<>(publicUrl);
    }

    private UiBundle(Function<? super C, Optional<URI>> publicUrl) {
        this.publicUrl = requireNonNull(publicUrl, "publicUrl is null");
    }

    @Override
    public void run(C configuration, Environment environment) {
        environment
                .servlets()
                .addServlet("ui-assets", new HashedAssetServlet(ROOT + "/assets"))
                .addMapping("/assets/*");
        environment.jersey().register(new UiResource(IndexPage.load(ROOT + "/index.html")));
        Optional<ProbeDistribution> probe = ProbeDistribution.find();
        if (probe.isPresent()) {
            log.info("serving the probe installer: /install.sh for {}", probe.get());
        } else {
            log.warn("no runnable probe jar (probe-<version>-all.jar) beside the probe's classes:"
                    + " /install.sh and /install/* answer 404");
        }
        environment.jersey().register(new InstallResource(probe, publicUrl.apply(configuration)));
        environment
                .jersey()
                .register(new KubernetesManifestResource(publicUrl.apply(configuration), probeImage(probe)));
    }

    /** The probe image {@code infra/images/build} makes for this version. */
    static String probeImage(Optional<ProbeDistribution> probe) {
        String version = probe.map(ProbeDistribution::version)
                .or(() -> Optional.ofNullable(UiBundle.class.getPackage().getImplementationVersion()))
                .orElse("latest");
        return "localhost/scope-cloud-probe:" + version;
    }
}
