package io.scopecloud.tenancy.member;

import static java.util.Objects.requireNonNull;

import io.scopecloud.tenancy.TenancyException;
import io.scopecloud.tenancy.access.OrgCaller;
import io.scopecloud.tenancy.access.Role;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Who belongs to an org and as what. The rules: admins manage members, only owners make or
 * unmake owners, and an org always keeps at least one owner (the last owner cannot leave).
 */
public final class Members {
    private final Jdbi jdbi;
    private final MemberDao members;
    private final MembershipCache cache;

    public Members(Jdbi jdbi, MembershipCache cache) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.members = jdbi.onDemand(MemberDao.class);
        this.cache = requireNonNull(cache, "cache is null");
    }

    public void add(UUID org, UUID userId, Role role) {
        members.insert(org, userId, role.id());
    }

    /** Adds the person, or raises their role to {@code role} if they already had a lower one. */
    public void join(UUID org, UUID userId, Role role) {
        jdbi.useTransaction(h -> join(h.attach(MemberDao.class), org, userId, role));
    }

    /** The same, inside a caller's transaction. */
    public static void join(MemberDao dao, UUID org, UUID userId, Role role) {
        Optional<Role> current = dao.role(org, userId);
        if (current.isEmpty()) {
            dao.insert(org, userId, role.id());
        } else if (role.compareTo(current.get()) > 0) {
            dao.setRole(org, userId, role.id());
        }
    }

    public Optional<Role> role(UUID org, UUID userId) {
        return members.role(org, userId);
    }

    /** The person's membership of the org people know as {@code orgExternalId}, if they have one. */
    public Optional<Membership> membership(String orgExternalId, UUID userId) {
        return cache.get(orgExternalId, userId, () -> members.membership(orgExternalId, userId));
    }

    public List<Member> list(UUID org) {
        return members.list(org);
    }

    public List<Membership> orgsOf(UUID userId) {
        return members.orgsOf(userId);
    }

    public void changeRole(OrgCaller caller, UUID userId, Role role) {
        caller.require(Role.ADMIN);
        UUID org = caller.scope().id();
        jdbi.useTransaction(h -> {
            MemberDao dao = h.attach(MemberDao.class);
            Role current = dao.role(org, userId).orElseThrow(() -> new NotFoundException("no such member"));
            if ((current == Role.OWNER || role == Role.OWNER) && caller.role() != Role.OWNER) {
                throw new ForbiddenException("only an owner can make or unmake owners");
            }
            if (current == Role.OWNER && role != Role.OWNER && dao.owners(org) <= 1) {
                throw new LastOwnerException();
            }
            dao.setRole(org, userId, role.id());
        });
        cache.forgetAll();
    }

    /** Removes a member; anyone may remove themselves, admins may remove others. */
    public void remove(OrgCaller caller, UUID userId) {
        boolean self = caller.user().map(userId::equals).orElse(false);
        if (!self) {
            caller.require(Role.ADMIN);
        }
        UUID org = caller.scope().id();
        jdbi.useTransaction(h -> {
            MemberDao dao = h.attach(MemberDao.class);
            Role current = dao.role(org, userId).orElseThrow(() -> new NotFoundException("no such member"));
            if (current == Role.OWNER && !self && caller.role() != Role.OWNER) {
                throw new ForbiddenException("only an owner can remove an owner");
            }
            if (current == Role.OWNER && dao.owners(org) <= 1) {
                throw new LastOwnerException();
            }
            dao.delete(org, userId);
        });
        cache.forgetAll();
    }

    /** The org would be left without an owner. */
    public static final class LastOwnerException extends TenancyException {
        private static final long serialVersionUID = 1L;

        LastOwnerException() {
            super(Kind.CONFLICT, "an organisation needs at least one owner: make someone else owner first");
        }
    }
}
