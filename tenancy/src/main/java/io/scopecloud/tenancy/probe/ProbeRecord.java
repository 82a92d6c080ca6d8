package io.scopecloud.tenancy.probe;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A probe an org has heard from; {@code controlConnected} when some control instance holds its
 * control connection right now (service-control's registry), so controls can reach it.
 */
public record ProbeRecord(
        UUID orgId,
        String probeId,
        @Nullable String hostname,
        @Nullable String version,
        Instant firstSeen,
        Instant lastSeen,
        boolean controlConnected) {}
