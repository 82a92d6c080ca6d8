package io.scopecloud.tenancy.org;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.UUID;

/** Creating and finding organisations. */
public final class Orgs {
    private static final int ATTEMPTS = 20;

    private final OrgDao orgs;

    public Orgs(OrgDao orgs) {
        this.orgs = requireNonNull(orgs, "orgs is null");
    }

    /** Creates an org with a fresh external id derived from its name. */
    public Org create(String name) {
        String trimmed = requireNonNull(name, "name is null").strip();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            throw new IllegalArgumentException("an organisation name has 1 to 100 characters");
        }
        UUID id = UUID.randomUUID();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (orgs.insert(id, ExternalIds.forName(trimmed), trimmed) == 1) {
                return orgs.find(id).orElseThrow();
            }
        }
        throw new IllegalStateException("could not find a free external id for " + trimmed);
    }

    public Optional<Org> find(UUID id) {
        return orgs.find(id);
    }

    public Optional<Org> findByExternalId(String externalId) {
        return orgs.findByExternalId(externalId);
    }
}
