package io.scopecloud.tenancy.account;

import static java.util.Objects.requireNonNull;

import io.scopecloud.tenancy.member.MembershipCache;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Leaving: a person deletes their own account (current password required). Refused while they
 * are an org's only owner. Their sessions, memberships and links go with the account; the audit
 * log keeps its entries, with the actor shown as {@link #SHOWN_AS}.
 */
public final class AccountDeletion {
    public static final String SHOWN_AS = "(deleted account)";

    private final Jdbi jdbi;
    private final Accounts accounts;
    private final MembershipCache memberships;

    public AccountDeletion(Jdbi jdbi, Accounts accounts, MembershipCache memberships) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.accounts = requireNonNull(accounts, "accounts is null");
        this.memberships = requireNonNull(memberships, "memberships is null");
    }

    public void delete(UUID userId, String currentPassword) {
        accounts.checkPassword(userId, currentPassword);
        jdbi.useTransaction(h -> {
            AccountDeletionDao dao = h.attach(AccountDeletionDao.class);
            List<String> orgs = dao.lastOwnerOf(userId);
            if (!orgs.isEmpty()) {
                throw new AccountException.Refused("you are the only owner of " + String.join(", ", orgs)
                        + ": make another member owner there (Team page), or delete the org, then delete your account");
            }
            dao.anonymiseAudit(userId, SHOWN_AS);
            dao.delete(userId);
        });
        memberships.forgetAll();
    }
}
