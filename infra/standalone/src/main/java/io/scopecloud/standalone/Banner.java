package io.scopecloud.standalone;

import static java.util.Objects.requireNonNull;

import io.dropwizard.lifecycle.ServerLifecycleListener;
import org.eclipse.jetty.server.Server;

/** Tells the person who started the install where it is and what to do next. */
final class Banner implements ServerLifecycleListener {
    private final StandaloneConfiguration configuration;

    Banner(StandaloneConfiguration configuration) {
        this.configuration = requireNonNull(configuration, "configuration is null");
    }

    @Override
    public void serverStarted(Server server) {
        int port = getLocalPort(server);
        String url = "http://localhost:" + port;
        System.out.printf(
                """

                Scope Cloud is running.
                  Service:  %s/
                  Data:     %s

                Connect a host:
                  1. ./scope-cloud admin create-org "My org"      (prints the org id and a probe token)
                  2. scope launch --service-token=<token> --service-url=%s
                     (or any Weave Scope 1.x probe: scope launch --service-token=<token> ...)
                  3. curl -H 'Authorization: Bearer <token>' %s/api/app/<org id>/api/topology/hosts

                %n""",
                url, configuration.getEmbedded().getDataDir().toAbsolutePath().normalize(), url, url);
    }
}
