package io.scopecloud.tenancy.org;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * An organisation: the unit of tenancy. {@code id} is internal (Kafka keys, foreign keys);
 * {@code externalId} is the stable, URL-safe name people see in {@code /api/app/{externalId}/}.
 */
public record Org(UUID id, String externalId, String name, Instant createdAt) {
    public Org {
        requireNonNull(id, "id is null");
        requireNonNull(externalId, "externalId is null");
        requireNonNull(name, "name is null");
        requireNonNull(createdAt, "createdAt is null");
    }
}
