package io.scopecloud.probe.plugins;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scopecloud.probe.control.ControlRequest;
import io.scopecloud.probe.control.ControlResponse;
import io.scopecloud.report.PluginSpec;
import io.scopecloud.report.Report;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One plugin behind one UNIX socket: polls its report, validates its spec and forwards controls,
 * with Scope's timeouts, limits and error texts (scope-contract §5). Its spec starts as
 * {@code {id, label: id}} and is replaced by whatever the plugin last reported; its status says
 * whether the last call worked.
 */
public final class Plugin {
    static final Duration TIMEOUT = Duration.ofMillis(500);
    static final long MAX_RESPONSE_BYTES = 50L * 1024 * 1024;
    static final String API_VERSION = "1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String id;
    private final Path socket;
    private final String query;
    private final UnixHttpClient client;
    private final ReportParser parser;
    private volatile PluginSpec spec;

    public Plugin(String id, Path socket, String probeId, UnixHttpClient client, ReportParser parser) {
        this.id = requireNonNull(id, "id is null");
        this.socket = requireNonNull(socket, "socket is null");
        this.query = "?api_version=" + API_VERSION + "&probe_id=" + requireNonNull(probeId, "probeId is null");
        this.client = requireNonNull(client, "client is null");
        this.parser = requireNonNull(parser, "parser is null");
        this.spec = new PluginSpec(id, id, "", List.of(), "", "");
    }

    public String id() {
        return id;
    }

    public Path socket() {
        return socket;
    }

    /** The latest spec, with its status. */
    public PluginSpec spec() {
        return spec;
    }

    public boolean implementsInterface(String name) {
        return spec.interfaces().contains(name);
    }

    /**
     * Polls {@code GET /report}. On success: the plugin's report with its spec, status "ok". On any
     * failure: a report holding only the spec, status {@code error: <why>}.
     */
    public Report report() {
        Report result;
        try {
            UnixHttpResponse response = call(UnixHttpRequest.get("/report" + query), "Get");
            result = decode(response.body());
        } catch (PluginException e) {
            return failed(e.getMessage());
        }
        List<PluginSpec> specs = result.plugins();
        if (specs.size() != 1) {
            return failed("report must contain exactly one plugin (found " + specs.size() + ")");
        }
        PluginSpec reported = specs.get(0);
        if (!reported.id().equals(id)) {
            return failed("plugin must not change its id (is \"" + reported.id() + "\", should be \"" + id + "\")");
        }
        spec = reported;
        String problem = validate(reported);
        if (problem != null) {
            return failed(problem);
        }
        spec = reported.withStatus("ok");
        return result.withPlugins(List.of(spec));
    }

    /** Sends a control (its id already stripped of the plugin prefix). */
    public PluginResponse control(ControlRequest request) {
        if (!implementsInterface("controller")) {
            String message = "the " + spec.label() + " plugin does not implement the controller interface";
            spec = spec.withStatus("error: " + message);
            return PluginResponse.error(message);
        }
        try {
            byte[] body = JSON.writeValueAsBytes(request);
            UnixHttpResponse response = call(UnixHttpRequest.postJson("/control" + query, body), "Post");
            JsonNode node = readJson(response.body());
            Optional<Report> shortcut = Optional.empty();
            JsonNode shortcutNode = node.get("shortcutReport");
            if (shortcutNode != null && !shortcutNode.isNull()) {
                shortcut = Optional.of(decode(JSON.writeValueAsBytes(shortcutNode)));
            }
            spec = spec.withStatus("ok");
            return new PluginResponse(ControlResponse.fromJson(node), shortcut);
        } catch (PluginException | IOException e) {
            spec = spec.withStatus("error: " + e.getMessage());
            return PluginResponse.error(e.getMessage());
        }
    }

    private static String validate(PluginSpec reported) {
        if (!API_VERSION.equals(reported.apiVersion())) {
            return "incorrect API version: expected \"" + API_VERSION + "\", got \"" + reported.apiVersion() + "\"";
        }
        if (reported.label().isEmpty()) {
            return "spec must contain a label";
        }
        if (!reported.interfaces().contains("reporter")) {
            return "spec must implement the \"reporter\" interface";
        }
        return null;
    }

    private Report failed(String message) {
        spec = spec.withStatus("error: " + message);
        return Report.empty().withPlugins(List.of(spec));
    }

    private UnixHttpResponse call(UnixHttpRequest request, String verb) throws PluginException {
        UnixHttpResponse response;
        try {
            response = client.exchange(socket, request, TIMEOUT, MAX_RESPONSE_BYTES);
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            if (reason.equals(SocketChannelHttpClient.TOO_LARGE)) {
                throw new PluginException(reason);
            }
            throw new PluginException(verb + " \"http://plugin" + request.target() + "\": " + reason);
        }
        if (response.status() != 200) {
            throw new PluginException("plugin returned non-200 status code: " + response.statusText());
        }
        return response;
    }

    private Report decode(byte[] body) throws PluginException {
        try {
            return parser.parse(body);
        } catch (Exception e) {
            throw new PluginException("decoding error: " + e.getMessage());
        }
    }

    private static JsonNode readJson(byte[] body) throws PluginException {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new PluginException("decoding error: expected a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new PluginException("decoding error: " + e.getMessage());
        }
    }

    /** A failed call, with the message that becomes the plugin's status. */
    private static final class PluginException extends Exception {
        private static final long serialVersionUID = 1L;

        PluginException(String message) {
            super(message);
        }
    }
}
