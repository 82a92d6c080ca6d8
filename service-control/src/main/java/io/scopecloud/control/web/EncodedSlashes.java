package io.scopecloud.control.web;

import io.dropwizard.lifecycle.ServerLifecycleListener;
import io.dropwizard.lifecycle.setup.LifecycleEnvironment;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.ContainerLifeCycle;

/**
 * Lets {@code %2F} through in request paths, and nothing else Jetty calls ambiguous: Scope's UI
 * sends a {@code /} inside a node id (an ECS task ARN, say) as {@code %2F} (scope-contract §3),
 * which Jetty 12 refuses with 400 by default. Jersey matches on the still-encoded path, so the
 * slash stays inside its path parameter.
 */
public final class EncodedSlashes implements ServerLifecycleListener {
    static final String MODE = "SCOPE_ENCODED_SLASH";

    private EncodedSlashes() {}

    /** Allows encoded slashes on the context now, and on the server's connectors once it runs. */
    public static void allow(ServletContextHandler context, LifecycleEnvironment lifecycle) {
        context.getServletHandler().setDecodeAmbiguousURIs(true);
        lifecycle.addServerLifecycleListener(new EncodedSlashes());
    }

    @Override
    public void serverStarted(Server server) {
        for (Connector connector : server.getConnectors()) {
            // Dropwizard wraps the factory (metrics), so look for it among the contained beans.
            if (!(connector instanceof ContainerLifeCycle container)) {
                continue;
            }
            for (HttpConnectionFactory http : container.getContainedBeans(HttpConnectionFactory.class)) {
                HttpConfiguration config = http.getHttpConfiguration();
                UriCompliance current = config.getUriCompliance();
                if (!current.allows(UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR)) {
                    config.setUriCompliance(current.with(MODE, UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
                }
            }
        }
    }
}
