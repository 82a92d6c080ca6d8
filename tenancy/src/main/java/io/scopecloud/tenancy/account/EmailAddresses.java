package io.scopecloud.tenancy.account;

import static java.util.Objects.requireNonNull;

import io.scopecloud.tenancy.account.AccountLinks.Purpose;
import io.scopecloud.tenancy.mail.AccountMails;
import io.scopecloud.tenancy.mail.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Proving an address: sign-up mails a link to it; an email change mails one to the new address
 * (and a notice to the old one) and takes effect only when that link is opened.
 */
public final class EmailAddresses {
    private final UserDao users;
    private final Accounts accounts;
    private final AccountLinks links;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration lifetime;

    public EmailAddresses(
            UserDao users, Accounts accounts, AccountLinks links, Outbox outbox, Clock clock, Duration lifetime) {
        this.users = requireNonNull(users, "users is null");
        this.accounts = requireNonNull(accounts, "accounts is null");
        this.links = requireNonNull(links, "links is null");
        this.outbox = requireNonNull(outbox, "outbox is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.lifetime = requireNonNull(lifetime, "lifetime is null");
    }

    /** Mails the person a link that verifies their current address. */
    public void sendVerification(User user, AccountMails mails) {
        String secret = links.issue(user.id(), Purpose.VERIFY, user.email(), lifetime);
        outbox.post(mails.verifyEmail(user.email(), mails.link("/verify-email#" + secret)));
    }

    /** Asks to move the account to {@code newEmail}: the current password is required. */
    public void requestChange(UUID userId, String currentPassword, String newEmail, AccountMails mails) {
        accounts.checkPassword(userId, currentPassword);
        User user = users.find(userId).orElseThrow(() -> new AccountException("no such account"));
        String normalised = Accounts.normaliseEmail(newEmail);
        if (normalised.equalsIgnoreCase(user.email())) {
            throw new AccountException("that already is your address");
        }
        String secret = links.issue(userId, Purpose.EMAIL, normalised, lifetime);
        outbox.post(mails.confirmNewEmail(normalised, user.email(), mails.link("/verify-email#" + secret)));
        outbox.post(mails.emailChangeRequested(user.email(), normalised));
    }

    /**
     * Opens a verification or email-change link: the address is verified, or the account moves to
     * the new address (verified). 404 for a bad link, 409 when another account took the address.
     */
    public User confirm(String secret) {
        Optional<AccountLink> verify = links.use(secret, Purpose.VERIFY);
        if (verify.isPresent()) {
            AccountLink link = verify.get();
            if (users.verify(link.userId(), link.email(), clock.instant()) == 0) {
                throw gone();
            }
            return users.find(link.userId()).orElseThrow(EmailAddresses::gone);
        }
        AccountLink change = links.use(secret, Purpose.EMAIL).orElseThrow(EmailAddresses::gone);
        if (users.changeEmail(change.userId(), change.email(), clock.instant()) == 0) {
            throw new AccountException.Refused(
                    "another account uses " + change.email() + " now: sign in with it, or choose another address");
        }
        links.endAll(change.userId(), Purpose.RESET);
        return users.find(change.userId()).orElseThrow(EmailAddresses::gone);
    }

    private static AccountException gone() {
        return new AccountException.LinkGone(
                "this link is unknown, used or expired: send a new one from your account page");
    }
}
