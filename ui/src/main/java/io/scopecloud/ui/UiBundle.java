package io.scopecloud.ui;

import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.setup.Environment;

/**
 * Serves the web app built into this jar: its hashed files under {@code /assets/*} (the entry
 * chunk, the lazily loaded map and terminal chunks, the layout worker, the styles) by a servlet
 * (more specific than Jersey's {@code /*}, so it never sees API paths), and {@code index.html}
 * for {@code /} and every other path that no API resource claims, so that the app's own routes
 * ({@code /invite/<secret>}, {@code /app/<org>/map/...}) work when opened directly.
 */
public final class UiBundle implements ConfiguredBundle<Object> {
    /** Where the build puts the app on the classpath. */
    static final String ROOT = "/scope-cloud-ui";

    @Override
    public void run(Object configuration, Environment environment) {
        environment
                .servlets()
                .addServlet("ui-assets", new HashedAssetServlet(ROOT + "/assets"))
                .addMapping("/assets/*");
        environment.jersey().register(new UiResource(IndexPage.load(ROOT + "/index.html")));
    }
}
