package io.scopecloud.probe.plugins;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;

/**
 * An HTTP/1.1 request over a UNIX socket: to a plugin (Scope's plugin API has two, {@code GET
 * /report} and {@code POST /control} with a JSON body) or to the container engine.
 *
 * @param target path and query, e.g. {@code /report?api_version=1&probe_id=3f2a}
 * @param body the request body, empty for GET
 * @param host the {@code Host} header: {@code plugin} for plugins, as Scope sends it
 */
@SuppressWarnings("ArrayRecordComponent") // a value carrier: never compared or hashed
public record UnixHttpRequest(String method, String target, String contentType, byte[] body, String host) {

    public UnixHttpRequest {
        requireNonNull(method, "method is null");
        requireNonNull(target, "target is null");
        body = body == null ? new byte[0] : body;
        requireNonNull(host, "host is null");
    }

    /** A request to a plugin ({@code Host: plugin}). */
    public UnixHttpRequest(String method, String target, String contentType, byte[] body) {
        this(method, target, contentType, body, "plugin");
    }

    public static UnixHttpRequest get(String target) {
        return new UnixHttpRequest("GET", target, null, null);
    }

    public static UnixHttpRequest postJson(String target, byte[] body) {
        return new UnixHttpRequest("POST", target, "application/json", body);
    }

    /** The same request with another {@code Host} header. */
    public UnixHttpRequest withHost(String newHost) {
        return new UnixHttpRequest(method, target, contentType, body, newHost);
    }

    /** The request head and body as bytes. */
    public byte[] encode(String userAgent) {
        StringBuilder head = new StringBuilder(160)
                .append(method)
                .append(' ')
                .append(target)
                .append(" HTTP/1.1\r\n")
                .append("Host: ")
                .append(host)
                .append("\r\n")
                .append("User-Agent: ")
                .append(userAgent)
                .append("\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (body.length > 0 || !method.equals("GET")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }
}
