package io.scopecloud.tenancy.account;

import static java.util.Objects.requireNonNull;

import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.recovery.RecoveryCodeGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import dev.samstevens.totp.util.Utils;
import io.scopecloud.tenancy.member.MembershipCache;
import io.scopecloud.tenancy.token.TokenSecrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Two-factor sign-in with TOTP (RFC 6238: HMAC-SHA1, 6 digits, 30 s steps, as every authenticator
 * app reads from an otpauth QR code), through the dev.samstevens.totp library. A code is accepted
 * for the step before, the current one and the step after (clock drift), once: the step of every
 * code used is kept, and a code of that step or an earlier one is refused (no replay within its
 * window). Ten recovery codes are shown once at enrolment and kept as SHA-256 hashes (they are
 * random, like tokens); each works once in place of a code.
 */
public final class TwoFactor {
    static final int PERIOD_SECONDS = 30;
    static final int DIGITS = 6;
    static final int RECOVERY_CODES = 10;
    private static final String ISSUER = "Scope Cloud";

    private final Jdbi jdbi;
    private final TwoFactorDao dao;
    private final Accounts accounts;
    private final Clock clock;
    private final MembershipCache memberships;
    private final CodeGenerator codes = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);

    public TwoFactor(Jdbi jdbi, Accounts accounts, Clock clock, MembershipCache memberships) {
        this.memberships = requireNonNull(memberships, "memberships is null");
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.dao = jdbi.onDemand(TwoFactorDao.class);
        this.accounts = requireNonNull(accounts, "accounts is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** A secret to enrol (not yet on): for the authenticator app, as text, otpauth URI and QR image. */
    public Enrolment begin(UUID userId) {
        User user = accounts.find(userId).orElseThrow(() -> new AccountException("no such account"));
        String secret = new DefaultSecretGenerator(32).generate();
        if (dao.setPendingSecret(userId, secret) == 0) {
            throw new AccountException.Refused(
                    "two-factor sign-in is already on: turn it off first to enrol another authenticator");
        }
        QrData data = new QrData.Builder()
                .label(user.email())
                .secret(secret)
                .issuer(ISSUER)
                .algorithm(HashingAlgorithm.SHA1)
                .digits(DIGITS)
                .period(PERIOD_SECONDS)
                .build();
        try {
            ZxingPngQrGenerator qr = new ZxingPngQrGenerator();
            String image = Utils.getDataUriForImage(qr.generate(data), qr.getImageMimeType());
            return new Enrolment(secret, data.getUri(), image);
        } catch (QrGenerationException e) {
            throw new IllegalStateException("could not draw the QR code", e);
        }
    }

    /** Turns two-factor on with a first code from the app; the recovery codes, shown this once. */
    public List<String> confirm(UUID userId, String code) {
        String secret = dao.secret(userId)
                .orElseThrow(() -> new AccountException.Refused("start enrolment first: no authenticator is pending"));
        if (Boolean.TRUE.equals(dao.enabled(userId).orElse(false))) {
            throw new AccountException.Refused("two-factor sign-in is already on");
        }
        long step = matchingStep(secret, code);
        if (step < 0) {
            throw new AccountException(
                    "that code does not match: check the authenticator app's clock and type the newest code");
        }
        List<String> recovery = Arrays.asList(new RecoveryCodeGenerator().generateCodes(RECOVERY_CODES));
        jdbi.useTransaction(h -> {
            TwoFactorDao tx = h.attach(TwoFactorDao.class);
            if (tx.enable(userId, clock.instant(), step) == 0) {
                throw new AccountException.Refused("two-factor sign-in is already on");
            }
            tx.deleteRecoveryCodes(userId);
            tx.insertRecoveryCodes(
                    userId, recovery.stream().map(TwoFactor::hashRecovery).toList());
        });
        memberships.forgetAll();
        return recovery;
    }

    /** Turns two-factor off (current password required); its recovery codes go too. */
    public void disable(UUID userId, String currentPassword) {
        accounts.checkPassword(userId, currentPassword);
        jdbi.useTransaction(h -> {
            TwoFactorDao tx = h.attach(TwoFactorDao.class);
            tx.disable(userId);
            tx.deleteRecoveryCodes(userId);
        });
        memberships.forgetAll();
    }

    public boolean enabled(UUID userId) {
        return dao.enabled(userId).orElse(false);
    }

    public int recoveryCodesLeft(UUID userId) {
        return dao.recoveryCodesLeft(userId);
    }

    /**
     * Whether {@code code} is a fresh TOTP code of the person, or one of their unused recovery
     * codes; either is then used up.
     */
    public boolean check(UUID userId, String code) {
        if (code == null || code.length() > 64) {
            return false;
        }
        String digits = code.replace(" ", "");
        if (digits.length() == DIGITS && digits.chars().allMatch(Character::isDigit)) {
            String secret = dao.secret(userId).orElse(null);
            if (secret == null || !enabled(userId)) {
                return false;
            }
            long step = matchingStep(secret, digits);
            return step >= 0 && dao.useStep(userId, step) == 1;
        }
        return dao.useRecoveryCode(userId, hashRecovery(code), clock.instant()) == 1;
    }

    /** Whether the org requires two-factor sign-in and this person has not turned it on. */
    public boolean required(UUID org) {
        return dao.required(org);
    }

    /**
     * Sets whether the org requires two-factor sign-in of every member; an owner who has not
     * turned it on cannot require it (they would lock themselves out).
     */
    public void require(UUID org, UUID ownerId, boolean required) {
        if (required && !enabled(ownerId)) {
            throw new AccountException.Refused(
                    "turn on two-factor sign-in for yourself first (account page), then require it of the org");
        }
        dao.setRequired(org, required);
        memberships.forgetAll();
    }

    /** The time step (previous, current or next) whose code this is, or -1. */
    private long matchingStep(String secret, String code) {
        long now = clock.millis() / 1000 / PERIOD_SECONDS;
        byte[] given = code.strip().getBytes(StandardCharsets.US_ASCII);
        long found = -1;
        for (long step = now - 1; step <= now + 1; step++) {
            try {
                byte[] expected = codes.generate(secret, step).getBytes(StandardCharsets.US_ASCII);
                if (MessageDigest.isEqual(expected, given)) {
                    found = step;
                }
            } catch (CodeGenerationException e) {
                throw new IllegalStateException("could not compute a TOTP code", e);
            }
        }
        return found;
    }

    private static byte[] hashRecovery(String code) {
        return TokenSecrets.hash(code.strip().toLowerCase(Locale.ROOT));
    }

    /** What the account page shows to enrol: the secret to type, the otpauth URI and its QR image. */
    public record Enrolment(String secret, String uri, String qrDataUri) {
        @Override
        public String toString() {
            return "Enrolment[...]";
        }
    }
}
