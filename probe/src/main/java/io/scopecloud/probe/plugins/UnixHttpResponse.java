package io.scopecloud.probe.plugins;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;

/**
 * A plugin's HTTP response.
 *
 * @param headers header names in lower case; a repeated header keeps its last value
 */
@SuppressWarnings("ArrayRecordComponent") // a value carrier: never compared or hashed
public record UnixHttpResponse(int status, String reason, Map<String, String> headers, byte[] body) {

    public UnixHttpResponse {
        requireNonNull(reason, "reason is null");
        headers = Map.copyOf(requireNonNull(headers, "headers is null"));
        requireNonNull(body, "body is null");
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The status line the way Go prints {@code resp.Status}, e.g. {@code 500 Internal Server Error}. */
    public String statusText() {
        return reason.isEmpty() ? Integer.toString(status) : status + " " + reason;
    }
}
