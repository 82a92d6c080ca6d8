package io.scopecloud.tenancy.account;

import static java.util.Objects.requireNonNull;

import io.scopecloud.tenancy.token.TokenSecrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One-use links for an account: password resets, email verification and changes, and the
 * second step of a sign-in. The secret is 160 random bits, shown once (in a mail or an answer);
 * only its SHA-256 is kept, as for probe tokens and invitations.
 */
public final class AccountLinks {
    /** What a link is for; a link of one kind never works as another. */
    public enum Purpose {
        RESET("reset", "rst_"),
        VERIFY("verify", "vfy_"),
        EMAIL("email", "eml_"),
        SIGN_IN("sign_in", "sgn_");

        final String id;
        final String prefix;

        Purpose(String id, String prefix) {
            this.id = id;
            this.prefix = prefix;
        }
    }

    private final AccountLinkDao links;
    private final Clock clock;

    public AccountLinks(AccountLinkDao links, Clock clock) {
        this.links = requireNonNull(links, "links is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** A new link's secret, valid for {@code lifetime}. */
    public String issue(UUID userId, Purpose purpose, String email, Duration lifetime) {
        String secret = purpose.prefix + TokenSecrets.generate().substring(4);
        Instant now = clock.instant();
        links.insert(TokenSecrets.hash(secret), userId, purpose.id, email, now, now.plus(lifetime));
        return secret;
    }

    /** The link's account, if the secret opens an unused, unexpired link of this kind; it is then used. */
    public Optional<AccountLink> use(String secret, Purpose purpose) {
        if (secret == null || secret.length() > 100) {
            return Optional.empty();
        }
        return links.use(TokenSecrets.hash(secret), purpose.id, clock.instant());
    }

    /** The open link of this kind the secret names, without using it. */
    public Optional<AccountLink> peek(String secret, Purpose purpose) {
        if (secret == null || secret.length() > 100) {
            return Optional.empty();
        }
        return links.find(TokenSecrets.hash(secret), purpose.id, clock.instant());
    }

    public void endAll(UUID userId, Purpose purpose) {
        links.useAll(userId, purpose.id, clock.instant());
    }

    public int purgeExpired() {
        return links.deleteExpired(clock.instant());
    }
}
