package io.scopecloud.control.routing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scopecloud.control.probe.ProbeKey;
import io.scopecloud.control.probe.ProbeLocation;
import io.scopecloud.control.rpc.ControlFailure;
import io.scopecloud.control.rpc.ControlRequest;
import io.scopecloud.control.rpc.Outcome;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls other control instances over their internal HTTP API, with the shared secret: forwards a
 * control call to the instance holding the probe, asks an instance to close a connection that a
 * newer one replaced, or to close a pipe it is home to.
 */
public final class RemoteControls {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteControls.class);
    /** Beyond the call's own timeout, for the forwarding itself. */
    private static final Duration MARGIN = Duration.ofSeconds(2);

    private final HttpClient http;
    private final InternalSecret secret;
    private final ObjectMapper json;

    public RemoteControls(HttpClient http, InternalSecret secret, ObjectMapper json) {
        this.http = requireNonNull(http, "http is null");
        this.secret = requireNonNull(secret, "secret is null");
        this.json = requireNonNull(json, "json is null");
    }

    public static HttpClient defaultClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .build();
    }

    public JsonNode call(ProbeLocation at, ProbeKey key, ControlRequest request, Duration timeout) {
        InternalCall call = new InternalCall(
                InternalCall.VERSION, request.nodeId(), request.control(), request.controlArgs(), timeout.toMillis());
        HttpRequest http = post(controlUri(at.instanceUrl(), key), body(call), timeout.plus(MARGIN));
        HttpResponse<byte[]> response;
        try {
            response = this.http.send(http, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new ControlFailure(
                    Outcome.TIMEOUT,
                    "probe " + key.probeId() + " did not answer control " + request.control() + " within "
                            + LocalControls.seconds(timeout));
        } catch (IOException e) {
            LOG.warn("Control instance {} unreachable: {}", at.instanceUrl(), e.toString());
            throw unavailable(key);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(key);
        }
        if (response.statusCode() != 200) {
            LOG.warn("Control instance {} answered {} to a forwarded call", at.instanceUrl(), response.statusCode());
            throw unavailable(key);
        }
        try {
            return json.readValue(response.body(), InternalAnswer.class).unwrap();
        } catch (IOException e) {
            throw unavailable(key);
        }
    }

    /** Asks {@code at} to close a connection a newer one replaced; in the background, best effort. */
    public void evict(ProbeKey key, ProbeLocation at) {
        URI uri = URI.create(controlUri(at.instanceUrl(), key) + "/evict/" + at.connectionId());
        sendQuietly(post(uri, new byte[0], Duration.ofSeconds(5)), "evict probe " + key.probeId());
    }

    /** Asks a pipe's home instance to close it; in the background, best effort. */
    public void closePipe(String instanceUrl, UUID orgId, String pipeId) {
        URI uri = URI.create(instanceUrl + "/internal/pipe/" + orgId + "/" + encode(pipeId) + "/close");
        sendQuietly(post(uri, new byte[0], Duration.ofSeconds(5)), "close pipe " + pipeId);
    }

    private void sendQuietly(HttpRequest request, String what) {
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).exceptionally(error -> {
            LOG.info("Could not {} at {}: {}", what, request.uri().getAuthority(), error.toString());
            return null;
        });
    }

    private HttpRequest post(URI uri, byte[] body, Duration timeout) {
        return HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header(InternalSecret.HEADER, secret.value())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private byte[] body(InternalCall call) {
        try {
            return json.writeValueAsBytes(call);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a forwarded call", e);
        }
    }

    private static URI controlUri(String instanceUrl, ProbeKey key) {
        return URI.create(instanceUrl + "/internal/control/" + key.orgId() + "/" + encode(key.probeId()));
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static ControlFailure unavailable(ProbeKey key) {
        return new ControlFailure(
                Outcome.UNAVAILABLE,
                "the control instance holding probe " + key.probeId() + " cannot be reached right now; try again");
    }
}
