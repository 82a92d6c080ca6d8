package io.scopecloud.control.probe;

import java.util.Optional;
import java.util.UUID;

/**
 * The payloads announced on {@link ProbeConnectionDao#CHANNEL}: {@code "<org id> <probe id>"} when one probe's
 * connection was recorded, replaced or removed, {@code "*"} when any probe may have moved (an instance's probes
 * re-registered or expired together). Probe ids never contain a space (the control handshake allows letters, digits,
 * {@code . _ : -}).
 */
public final class RegistryNotices {
    /** Any probe may have moved. */
    public static final String EVERYTHING = "*";

    private RegistryNotices() {}

    public static String of(UUID orgId, String probeId) {
        return orgId + " " + probeId;
    }

    /** The probe a notice names, or empty for {@link #EVERYTHING} and anything this version does not understand. */
    public static Optional<ProbeKey> parse(String payload) {
        int space = payload.indexOf(' ');
        if (space <= 0 || space == payload.length() - 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    new ProbeKey(UUID.fromString(payload.substring(0, space)), payload.substring(space + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
