package io.scopecloud.tenancy.invite;

import static java.util.Objects.requireNonNull;

import io.scopecloud.tenancy.access.OrgCaller;
import io.scopecloud.tenancy.access.Role;
import io.scopecloud.tenancy.mail.AccountMails;
import io.scopecloud.tenancy.mail.Mailer;
import io.scopecloud.tenancy.member.MemberDao;
import io.scopecloud.tenancy.member.Members;
import io.scopecloud.tenancy.token.TokenSecrets;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * Bringing people into an org. An invitation is a one-use link holding a random secret (only its
 * hash is stored), valid for {@code lifetime}; when an email is given and SMTP is configured, the
 * link is also mailed. Whoever opens the link signed in joins with the invitation's role.
 */
public final class Invites {
    private final Jdbi jdbi;
    private final InviteDao invites;
    private final Mailer mailer;
    private final Clock clock;
    private final Duration lifetime;
    private final Optional<URI> publicUrl;

    /** {@code publicUrl}: where links point; empty, they point where the creating request came to. */
    public Invites(Jdbi jdbi, Mailer mailer, Clock clock, Duration lifetime, Optional<URI> publicUrl) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.invites = jdbi.onDemand(InviteDao.class);
        this.mailer = requireNonNull(mailer, "mailer is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.lifetime = requireNonNull(lifetime, "lifetime is null");
        this.publicUrl = requireNonNull(publicUrl, "publicUrl is null");
    }

    /** {@code requestBase}: the address the creating request came to, for links without a public URL. */
    public IssuedInvite create(OrgCaller caller, String orgName, @Nullable String email, Role role, URI requestBase) {
        caller.require(Role.ADMIN);
        if (role == Role.OWNER && caller.role() != Role.OWNER) {
            throw new ForbiddenException("only an owner can invite owners");
        }
        String secret = TokenSecrets.generate().replace("scp_", "inv_");
        UUID id = UUID.randomUUID();
        Instant expires = clock.instant().plus(lifetime);
        invites.insert(caller.scope().id(), id, TokenSecrets.hash(secret), email, role.id(), caller.userId(), expires);
        AccountMails mails = new AccountMails(publicUrl.orElse(requestBase));
        String link = mails.link("/invite/" + secret);
        boolean mailed = email != null && send(mails, email, orgName, caller.actor(), link);
        Invite invite = new Invite(caller.scope().id(), id, email, role, clock.instant(), expires, null);
        return new IssuedInvite(invite, secret, link, mailed);
    }

    private boolean send(AccountMails mails, String email, String orgName, String inviter, String link) {
        long days = lifetime.toDays();
        String within = days >= 1 ? days + (days == 1 ? " day" : " days") : lifetime.toHours() + " hours";
        try {
            return mailer.send(mails.invitation(email, orgName, inviter, link, within));
        } catch (Mailer.MailException e) {
            throw new IllegalStateException(e.getMessage() + "; share the link instead", e);
        }
    }

    public List<Invite> listOpen(OrgCaller caller) {
        caller.require(Role.ADMIN);
        return invites.listOpen(caller.scope().id(), clock.instant());
    }

    public void revoke(OrgCaller caller, UUID id) {
        caller.require(Role.ADMIN);
        if (invites.delete(caller.scope().id(), id) == 0) {
            throw new NotFoundException("no open invitation " + id);
        }
    }

    /** The open invitation a secret opens, if any. */
    public Optional<Invite> find(String secret) {
        return invites.findByHash(TokenSecrets.hash(secret))
                .filter(i -> i.acceptedAt() == null && i.expiresAt().isAfter(clock.instant()));
    }

    /** Joins the user to the invitation's org; the link then no longer works. */
    public Invite accept(String secret, UUID userId) {
        Invite invite = find(secret)
                .orElseThrow(
                        () -> new NotFoundException("this invitation is unknown, used or expired: ask for a new one"));
        jdbi.useTransaction(h -> {
            if (h.attach(InviteDao.class).accept(invite.orgId(), invite.id(), userId, clock.instant()) == 0) {
                throw new NotFoundException("this invitation was just used or expired");
            }
            Members.join(h.attach(MemberDao.class), invite.orgId(), userId, invite.role());
        });
        return invite;
    }

    /** An invitation just created: its secret link exists only here and in the email. */
    public record IssuedInvite(Invite invite, String secret, String link, boolean mailed) {}
}
