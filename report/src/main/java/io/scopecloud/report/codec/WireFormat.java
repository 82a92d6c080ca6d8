package io.scopecloud.report.codec;

import java.util.Locale;
import java.util.Optional;

/** The two encodings Scope speaks on {@code POST /api/report}, chosen by Content-Type prefix as Scope's app does. */
public enum WireFormat {
    JSON("application/json"),
    MSGPACK("application/msgpack");

    private final String contentType;

    WireFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** {@code application/json…} or {@code application/msgpack…} (prefix match, parameters allowed); else empty. */
    public static Optional<WireFormat> fromContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String ct = contentType.trim().toLowerCase(Locale.ROOT);
        for (WireFormat f : values()) {
            if (ct.startsWith(f.contentType)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
