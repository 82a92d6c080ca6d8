package io.scopecloud.control.pipe;

import static java.util.Objects.requireNonNull;

import io.scopecloud.control.api.PipeOpened;
import io.scopecloud.control.routing.ControlInstance;
import io.scopecloud.control.routing.InternalSecret;
import io.scopecloud.control.routing.RemoteControls;
import io.scopecloud.tenancy.access.Role;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ServiceUnavailableException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.websocket.api.Session;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pipes across instances. The first instance to see a pipe (the one relaying the control answer
 * that opened it, or the one an end first connected to) becomes its home and records that in
 * PostgreSQL; an end connecting anywhere else is bridged there. Checks and deletes work from any
 * instance.
 */
public final class Pipes implements PipeOpened {
    private static final Logger LOG = LoggerFactory.getLogger(Pipes.class);
    private static final Duration BRIDGE_TIMEOUT = Duration.ofSeconds(5);

    private final PipeDao dao;
    private final PipeHub hub;
    private final ControlInstance self;
    private final RemoteControls remote;
    private final HttpClient http;
    private final InternalSecret secret;
    private final ScheduledExecutorService timer;
    private final PipeHub.PipeSettings settings;

    public Pipes(
            PipeDao dao,
            PipeHub hub,
            ControlInstance self,
            RemoteControls remote,
            HttpClient http,
            InternalSecret secret,
            ScheduledExecutorService timer,
            PipeHub.PipeSettings settings) {
        this.dao = requireNonNull(dao, "dao is null");
        this.hub = requireNonNull(hub, "hub is null");
        this.self = requireNonNull(self, "self is null");
        this.remote = requireNonNull(remote, "remote is null");
        this.http = requireNonNull(http, "http is null");
        this.secret = requireNonNull(secret, "secret is null");
        this.timer = requireNonNull(timer, "timer is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public void opened(java.util.UUID orgId, String pipeId, Role uiRole) {
        PipeRecord record = dao.claimWithRole(orgId, pipeId, self.instanceId(), self.url(), uiRole.id());
        if (record.instanceId().equals(self.instanceId())) {
            hub.ensure(new PipeKey(orgId, pipeId));
        }
    }

    /**
     * The websocket listener for an end connecting here: a local end of a pipe homed here, or a
     * bridge to its home. {@code callerRole} is checked against the pipe's role for UI ends.
     */
    public Session.Listener attach(PipeKey key, End end, @Nullable Role callerRole) {
        // The probe may dial before the control's answer reaches us, so its end may create the
        // pipe; the UI learns a pipe id only from that answer, so its end never creates one.
        PipeRecord record = end == End.PROBE
                ? dao.claim(key.orgId(), key.pipeId(), self.instanceId(), self.url())
                : dao.find(key.orgId(), key.pipeId())
                        .orElseThrow(() -> new NotFoundException("no pipe " + key.pipeId()));
        if (record.closed()) {
            throw new NotFoundException("pipe " + key.pipeId() + " is closed");
        }
        Role needed = Role.fromId(record.minRole());
        if (callerRole != null && !callerRole.atLeast(needed)) {
            throw new ForbiddenException("this pipe needs the " + needed.id() + " role; you are " + callerRole.id());
        }
        if (record.instanceId().equals(self.instanceId())) {
            return local(hub.ensure(key), end);
        }
        URI uri = URI.create(toWs(record.instanceUrl()) + "/internal/pipe/" + key.orgId() + "/"
                + URLEncoder.encode(key.pipeId(), StandardCharsets.UTF_8) + "/" + end.id());
        try {
            return PipeBridge.connect(
                    http, uri, InternalSecret.HEADER, secret.value(), BRIDGE_TIMEOUT, settings.maxMessageBytes());
        } catch (Exception e) {
            LOG.warn("Cannot bridge pipe {} to {}: {}", key.pipeId(), record.instanceUrl(), e.toString());
            throw new ServiceUnavailableException("the instance relaying this pipe cannot be reached; try again");
        }
    }

    /** An end bridged from another instance, for a pipe homed here. */
    public Session.Listener attachBridged(PipeKey key, End end, @Nullable String presentedSecret) {
        secret.require(presentedSecret);
        Pipe pipe = hub.find(key)
                .filter(p -> !p.isClosed())
                .orElseThrow(() -> new NotFoundException("pipe " + key.pipeId() + " is not open here"));
        return local(pipe, end);
    }

    /** Scope's check: open (true) or closed or unknown (false). */
    public boolean isOpen(PipeKey key) {
        return dao.find(key.orgId(), key.pipeId()).map(r -> !r.closed()).orElse(false);
    }

    /**
     * Closes the pipe for someone in the UI, who needs the pipe's own role as to attach to it (a member may not
     * close an admin's shell); false if there is no such pipe.
     */
    public boolean delete(PipeKey key, Role callerRole) {
        Optional<PipeRecord> record = dao.find(key.orgId(), key.pipeId());
        if (record.isEmpty()) {
            return false;
        }
        Role needed = Role.fromId(record.get().minRole());
        if (!callerRole.atLeast(needed)) {
            throw new ForbiddenException(
                    "closing this pipe needs the " + needed.id() + " role; you are " + callerRole.id());
        }
        return delete(key);
    }

    /** Closes the pipe wherever it lives (the probe's end asks); false if there is no such pipe. */
    public boolean delete(PipeKey key) {
        return dao.close(key.orgId(), key.pipeId())
                .map(record -> {
                    if (record.instanceId().equals(self.instanceId())) {
                        hub.close(key);
                    } else {
                        remote.closePipe(record.instanceUrl(), key.orgId(), key.pipeId());
                    }
                    return true;
                })
                .orElse(false);
    }

    /** A close asked for by another instance, for a pipe homed here. */
    public void closeHere(PipeKey key, @Nullable String presentedSecret) {
        secret.require(presentedSecret);
        hub.close(key);
    }

    private PipeSocket local(Pipe pipe, End end) {
        if (pipe.isClosed()) {
            throw new NotFoundException("pipe " + pipe.key().pipeId() + " is closed");
        }
        return new PipeSocket(pipe, end, timer, settings.pingInterval(), settings.maxMessageBytes());
    }

    private static String toWs(String httpUrl) {
        if (httpUrl.startsWith("https://")) {
            return "wss://" + httpUrl.substring("https://".length());
        }
        if (httpUrl.startsWith("http://")) {
            return "ws://" + httpUrl.substring("http://".length());
        }
        return httpUrl;
    }
}
