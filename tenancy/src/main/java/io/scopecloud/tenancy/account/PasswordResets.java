package io.scopecloud.tenancy.account;

import static java.util.Objects.requireNonNull;

import io.scopecloud.tenancy.account.AccountLinks.Purpose;
import io.scopecloud.tenancy.mail.AccountMails;
import io.scopecloud.tenancy.mail.Outbox;
import io.scopecloud.tenancy.session.SessionDirectory;
import java.time.Duration;
import java.util.Optional;

/**
 * Forgotten passwords. A request mails a one-use link (valid for {@code lifetime}) to the account
 * with that email, if there is one and its address is verified (when verification is on); the
 * caller answers the same whatever happened. Resetting sets the new password (the policy
 * applies), ends every session of the person and the other reset links, and mails a notice.
 */
public final class PasswordResets {
    private final UserDao users;
    private final AccountLinks links;
    private final SessionDirectory sessions;
    private final Outbox outbox;
    private final Duration lifetime;
    private final boolean verifiedOnly;

    public PasswordResets(
            UserDao users,
            AccountLinks links,
            SessionDirectory sessions,
            Outbox outbox,
            Duration lifetime,
            boolean verifiedOnly) {
        this.users = requireNonNull(users, "users is null");
        this.links = requireNonNull(links, "links is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.outbox = requireNonNull(outbox, "outbox is null");
        this.lifetime = requireNonNull(lifetime, "lifetime is null");
        this.verifiedOnly = verifiedOnly;
    }

    /** Mails a reset link if the email has an account that may receive one; says nothing either way. */
    public void request(String email, AccountMails mails) {
        Optional<User> user =
                email == null || email.length() > 320 ? Optional.empty() : users.findByEmail(email.strip());
        if (user.isEmpty() || (verifiedOnly && !user.get().emailVerified())) {
            return;
        }
        User u = user.get();
        String secret = links.issue(u.id(), Purpose.RESET, u.email(), lifetime);
        outbox.post(mails.passwordReset(u.email(), mails.link("/reset-password#" + secret)));
    }

    /** Sets the password the link was for; throws 422 for a weak password (the link stays), 404 for a bad link. */
    public void reset(String secret, String password, AccountMails mails) {
        String normalised = Accounts.acceptableNewPassword(password);
        AccountLink link = links.use(secret, Purpose.RESET)
                .orElseThrow(() -> new AccountException.LinkGone(
                        "this reset link is unknown, used or expired: ask for a new one from the sign-in page"));
        users.setPasswordHash(link.userId(), Passwords.hash(normalised));
        links.endAll(link.userId(), Purpose.RESET);
        sessions.endAll(link.userId());
        users.find(link.userId()).ifPresent(u -> outbox.post(mails.passwordChanged(u.email())));
    }
}
