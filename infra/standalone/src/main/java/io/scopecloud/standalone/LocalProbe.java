package io.scopecloud.standalone;

import static java.util.Objects.requireNonNull;

import io.dropwizard.lifecycle.Managed;
import io.dropwizard.lifecycle.ServerLifecycleListener;
import io.scopecloud.probe.ProbeAgent;
import io.scopecloud.probe.ProbeVersion;
import io.scopecloud.probe.cli.ProbeConfig;
import io.scopecloud.probe.cli.ProbeFlags;
import io.scopecloud.probe.cli.UsageException;
import io.scopecloud.probe.net.ProbeIdentity;
import io.scopecloud.probe.publish.PublishListener;
import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.account.AccountException;
import io.scopecloud.tenancy.account.User;
import io.scopecloud.tenancy.org.Org;
import io.scopecloud.tenancy.token.IssuedToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The probe for the install's own host, in-process, so a newcomer sees their machine at once.
 * At the first start it creates an owner account (email plus a generated password, printed once
 * in the banner and stored only hashed) and the org "local" it owns. At every start it issues the
 * probe a fresh token of that org and revokes the previous one, so no token is ever written
 * down; {@code local-probe.properties} in the data directory keeps only ids. The probe starts
 * once the server listens, against its own port.
 */
final class LocalProbe implements Managed, ServerLifecycleListener {
    private static final Logger log = LoggerFactory.getLogger(LocalProbe.class);
    static final String STATE_FILE = "local-probe.properties";
    static final String ORG_NAME = "local";
    static final String OWNER_EMAIL = "owner@scope-cloud.local";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Tenancy tenancy;
    private final LocalProbeFactory settings;
    private final Path stateFile;
    private volatile @Nullable Prepared prepared;
    private volatile @Nullable ProbeAgent agent;

    /** What the banner shows; {@code password} only at the start that created the account. */
    record Prepared(Org org, String email, @Nullable String password, UUID tokenId, String token) {
        @Override
        public String toString() {
            return "Prepared[org=" + org.externalId() + ", email=" + email + "]"; // never the secrets
        }
    }

    LocalProbe(Tenancy tenancy, LocalProbeFactory settings, Path dataDir) {
        this.tenancy = requireNonNull(tenancy, "tenancy is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.stateFile = requireNonNull(dataDir, "dataDir is null").resolve(STATE_FILE);
    }

    /** The local org and sign-in, once {@link #start()} has run. */
    Optional<Prepared> prepared() {
        return Optional.ofNullable(prepared);
    }

    /** Makes sure the org and its owner exist, and issues this run's token. */
    @Override
    public void start() throws IOException {
        Properties state = readState();
        Optional<Org> org = Optional.ofNullable(state.getProperty("org"))
                .map(UUID::fromString)
                .flatMap(id -> tenancy.orgs().find(id));
        String email = state.getProperty("email", OWNER_EMAIL);
        String password = null;
        if (org.isEmpty()) {
            password = generatePassword();
            User owner = signUp(password);
            email = owner.email();
            org = Optional.of(tenancy.orgs().createOwnedBy(ORG_NAME, owner.id()));
            log.info("created the local org {} owned by {}", org.get().externalId(), email);
        } else if (state.getProperty("token") != null) {
            tenancy.probeTokens().revoke(org.get().id(), UUID.fromString(state.getProperty("token")));
        }
        IssuedToken issued = tenancy.probeTokens().issue(org.get().id(), "local probe", null);
        state.setProperty("org", org.get().id().toString());
        state.setProperty("externalId", org.get().externalId());
        state.setProperty("email", email);
        state.setProperty("token", issued.token().id().toString());
        writeState(state);
        prepared = new Prepared(org.get(), email, password, issued.token().id(), issued.secret());
    }

    private User signUp(String password) {
        try {
            return tenancy.accounts().signUp(OWNER_EMAIL, password);
        } catch (AccountException.Taken e) {
            // the data directory lost its state file but the database kept the account
            String email =
                    "owner-" + HexFormat.of().toHexDigits(RANDOM.nextInt()).substring(0, 6) + "@scope-cloud.local";
            return tenancy.accounts().signUp(email, password);
        }
    }

    @Override
    public void serverStarted(Server server) {
        Prepared p = prepared;
        if (p == null) {
            return;
        }
        String url = "http://" + loopbackHost(server) + ":" + getLocalPort(server);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put(ProbeFlags.TOKEN_ENV, p.token());
        try {
            ProbeConfig config = ProbeFlags.parse(
                    List.of(
                            "--service-url=" + url,
                            "--probe.docker=" + settings.isDocker(),
                            "--probe.host-exec=" + settings.isHostExec()),
                    env);
            ProbeAgent started = new ProbeAgent(
                    config, ProbeIdentity.generate(p.token(), ProbeVersion.get()), env, PublishListener.NONE);
            started.start();
            agent = started;
        } catch (UsageException | RuntimeException e) {
            log.error("the local probe did not start: {}", e.toString());
        }
    }

    /** Where the probe reaches the server: loopback unless the server listens on one address only. */
    private static String loopbackHost(Server server) {
        for (var connector : server.getConnectors()) {
            if (connector instanceof NetworkConnector network) {
                String host = network.getHost();
                if (host != null && !host.isBlank() && !host.equals("0.0.0.0") && !host.equals("::")) {
                    return host.contains(":") ? "[" + host + "]" : host;
                }
            }
        }
        return "127.0.0.1";
    }

    @Override
    public void stop() {
        ProbeAgent running = agent;
        if (running != null) {
            running.close();
            agent = null;
        }
        Prepared p = prepared;
        if (p != null) {
            try {
                tenancy.probeTokens().revoke(p.org().id(), p.tokenId());
            } catch (RuntimeException e) {
                log.debug("could not revoke the local probe's token: {}", e.toString());
            }
        }
    }

    /** 20 characters from a 57-letter alphabet without look-alikes: about 116 bits. */
    static String generatePassword() {
        String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder password = new StringBuilder(24);
        for (int i = 0; i < 20; i++) {
            if (i > 0 && i % 5 == 0) {
                password.append('-');
            }
            password.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    private Properties readState() throws IOException {
        Properties state = new Properties();
        if (Files.exists(stateFile)) {
            try (InputStream in = Files.newInputStream(stateFile)) {
                state.load(in);
            }
        }
        return state;
    }

    private void writeState(Properties state) throws IOException {
        Files.createDirectories(stateFile.getParent());
        Path temp = stateFile.resolveSibling(STATE_FILE + ".tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            state.store(out, "The standalone install's local org and its probe's current token id (no secrets)");
        }
        Files.move(temp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
