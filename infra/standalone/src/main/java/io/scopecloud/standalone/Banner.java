package io.scopecloud.standalone;

import static java.util.Objects.requireNonNull;

import io.dropwizard.lifecycle.ServerLifecycleListener;
import org.eclipse.jetty.server.Server;
import org.jspecify.annotations.Nullable;

/** Tells the person who started the install where it is and what to do next. */
final class Banner implements ServerLifecycleListener {
    private final StandaloneConfiguration configuration;
    private final @Nullable LocalProbe localProbe;

    Banner(StandaloneConfiguration configuration) {
        this(configuration, null);
    }

    Banner(StandaloneConfiguration configuration, @Nullable LocalProbe localProbe) {
        this.configuration = requireNonNull(configuration, "configuration is null");
        this.localProbe = localProbe;
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
                  1. Open %s/ , sign up (or sign in) and create a probe token on the tokens page
                     (for scripts: ./scope-cloud admin create-org "My org" prints an org id and a token)
                  2. scope launch --service-token=<token> --service-url=%s
                     (or any Weave Scope 1.x probe: scope launch --service-token=<token> ...)

                %n""",
                url, configuration.getEmbedded().getDataDir().toAbsolutePath().normalize(), url, url);
        if (localProbe != null) {
            localProbe.prepared().ifPresent(p -> System.out.print(localProbeLines(url, p)));
        }
    }

    /** Where this host's map is and how to sign in; the password only at the start that made it. */
    static String localProbeLines(String url, LocalProbe.Prepared p) {
        String signIn = p.password() == null
                ? "  Sign in:  " + p.email() + " (with the password printed when this install first started)\n"
                : "  Sign in:  " + p.email() + "\n"
                        + "  Password: " + p.password() + "\n"
                        + "            (shown this once and stored only hashed: keep it, or change it after signing in)\n";
        return "This host reports to the org \"" + p.org().name() + "\" ("
                + p.org().externalId()
                + ") through the local probe (off with SCOPE_CLOUD_LOCAL_PROBE=false).\n"
                + "  Its map:  " + url + "/  (API: " + url + "/api/app/"
                + p.org().externalId()
                + "/api/topology/hosts)\n"
                + signIn + "\n";
    }
}
