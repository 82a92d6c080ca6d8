package io.scopecloud.control.web;

import static java.util.Objects.requireNonNull;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** What a handshake decision reads from an upgrade request: headers, and the session cookie. */
record HandshakeRequest(Function<String, @Nullable String> headers, @Nullable String sessionCookie) {
    HandshakeRequest {
        requireNonNull(headers, "headers is null");
    }

    @Nullable
    String header(String name) {
        return headers.apply(name);
    }
}
