package io.scopecloud.tenancy.org;

import static java.util.Objects.requireNonNull;

import io.scopecloud.tenancy.TenancyException;
import io.scopecloud.tenancy.access.Role;
import io.scopecloud.tenancy.member.MemberDao;
import io.scopecloud.tenancy.member.MembershipCache;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Creating, finding, renaming and deleting organisations. */
public final class Orgs {
    private static final int ATTEMPTS = 20;

    private final Jdbi jdbi;
    private final OrgDao orgs;
    private final MembershipCache memberships;

    public Orgs(Jdbi jdbi, OrgDao orgs, MembershipCache memberships) {
        this.memberships = requireNonNull(memberships, "memberships is null");
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.orgs = requireNonNull(orgs, "orgs is null");
    }

    /** Creates an org with a fresh external id derived from its name, and no members. */
    public Org create(String name) {
        return jdbi.inTransaction(h -> insert(h.attach(OrgDao.class), validName(name)));
    }

    /** Creates an org whose creator is its owner, in one transaction. */
    public Org createOwnedBy(String name, UUID ownerId) {
        String valid = validName(name);
        return jdbi.inTransaction(h -> {
            Org org = insert(h.attach(OrgDao.class), valid);
            h.attach(MemberDao.class).insert(org.id(), ownerId, Role.OWNER.id());
            return org;
        });
    }

    public Optional<Org> find(UUID id) {
        return orgs.find(id);
    }

    public Optional<Org> findByExternalId(String externalId) {
        return orgs.findByExternalId(externalId);
    }

    public Org rename(UUID id, String name) {
        orgs.rename(id, validName(name));
        memberships.forgetAll();
        return orgs.find(id).orElseThrow();
    }

    /** Deletes the org and, by cascade, everything it owns in PostgreSQL. */
    public boolean delete(UUID id) {
        boolean deleted = orgs.delete(id) == 1;
        memberships.forgetAll();
        return deleted;
    }

    private static Org insert(OrgDao dao, String name) {
        UUID id = UUID.randomUUID();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (dao.insert(id, ExternalIds.forName(name), name) == 1) {
                return dao.find(id).orElseThrow();
            }
        }
        throw new IllegalStateException("could not find a free external id for " + name);
    }

    private static String validName(String name) {
        String trimmed = requireNonNull(name, "name is null").strip();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            throw new TenancyException(TenancyException.Kind.INVALID, "an organisation name has 1 to 100 characters");
        }
        if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
            // PostgreSQL cannot store NUL in text, and no other control character belongs in a name
            throw new TenancyException(
                    TenancyException.Kind.INVALID, "an organisation name cannot contain control characters");
        }
        return trimmed;
    }
}
