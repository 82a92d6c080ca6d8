package io.scopecloud.probe.net;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who this probe is to the service: the token, a random probe ID that is new for each run, and
 * the version. Produces the headers scope-contract §2 requires on the report POST and the control
 * websocket alike.
 */
public record ProbeIdentity(String token, String probeId, String version) {

    public ProbeIdentity {
        requireNonNull(token, "token is null");
        requireNonNull(probeId, "probeId is null");
        requireNonNull(version, "version is null");
    }

    /** A fresh identity with a random non-negative int63 in hex, like Go's {@code rand.Int63()}. */
    public static ProbeIdentity generate(String token, String version) {
        long id = new SecureRandom().nextLong() & Long.MAX_VALUE;
        return new ProbeIdentity(token, Long.toHexString(id), version);
    }

    public String userAgent() {
        return "Scope_Probe/" + version;
    }

    /** Authorization, X-Scope-Probe-ID, X-Scope-Probe-Version (User-Agent is set separately). */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Scope-Probe token=" + token);
        headers.put("X-Scope-Probe-ID", probeId);
        headers.put("X-Scope-Probe-Version", version);
        return headers;
    }

    @Override
    public String toString() {
        return "ProbeIdentity[probeId=" + probeId + ", version=" + version + "]"; // never print the token
    }
}
