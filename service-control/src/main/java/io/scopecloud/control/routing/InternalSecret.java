package io.scopecloud.control.routing;

import jakarta.ws.rs.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret control instances share to call each other's {@code /internal/…} endpoints. It is
 * compared in constant time (as SHA-256 digests, so lengths leak nothing either); a request
 * without it gets the same 404 as a path that does not exist.
 */
public final class InternalSecret {
    public static final String HEADER = "X-Scope-Control-Secret";
    private static final Logger LOG = LoggerFactory.getLogger(InternalSecret.class);

    private final String value;
    private final byte[] digest;

    private InternalSecret(String value) {
        this.value = value;
        this.digest = sha256(value);
    }

    /** The configured secret; when none is set, a random one, which only works for a single instance. */
    public static InternalSecret of(@Nullable String configured) {
        if (configured != null && !configured.isBlank()) {
            return new InternalSecret(configured.strip());
        }
        LOG.info("control.internalSecret is not set: using a random one, so this control instance cannot"
                + " route to or from other instances (set the same secret on every instance to run several)");
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return new InternalSecret(Base64.getUrlEncoder().withoutPadding().encodeToString(random));
    }

    public boolean matches(@Nullable String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    /** Throws 404 unless {@code presented} is the secret. */
    public void require(@Nullable String presented) {
        if (!matches(presented)) {
            throw new NotFoundException();
        }
    }

    public String value() {
        return value;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "InternalSecret[…]";
    }
}
