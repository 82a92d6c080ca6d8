package io.scopecloud.tenancy.account;

import java.text.Normalizer;
import java.util.Locale;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.scoring.Result;
import org.jspecify.annotations.Nullable;

/**
 * What a new password must be (OWASP ASVS V2.1): 10 to 256 characters after Unicode NFKC
 * normalisation, no control characters, and not easy to guess. "Easy to guess" is nbvcxz's
 * estimate (a bundled list of common and breached passwords, dictionaries, keyboard patterns,
 * repeats and sequences) below its default 35 bits; there are no composition rules.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 256;

    /** Thread-safe once built; building loads the dictionaries, so there is one. */
    private static final Nbvcxz ESTIMATOR = new Nbvcxz(new ConfigurationBuilder()
            .setLocale(Locale.ENGLISH)
            .setMaxLength(MAX_LENGTH)
            .createConfiguration());

    private PasswordPolicy() {}

    /**
     * The form a password is hashed and compared in: NFKC, so the same characters typed on
     * another keyboard or platform (composed or decomposed, full-width or not) are the same
     * password.
     */
    public static String normalise(String password) {
        return Normalizer.normalize(password, Normalizer.Form.NFKC);
    }

    /** Why a new password (already normalised) is not acceptable, or null when it is. */
    public static @Nullable String problemWith(@Nullable String normalised) {
        if (normalised == null) {
            return "a password is required";
        }
        int length = normalised.codePointCount(0, normalised.length());
        if (length < MIN_LENGTH) {
            return "a password needs at least " + MIN_LENGTH + " characters";
        }
        if (length > MAX_LENGTH) {
            return "a password has at most " + MAX_LENGTH + " characters";
        }
        if (normalised.codePoints().anyMatch(Character::isISOControl)) {
            return "a password cannot contain control characters (such as NUL, tab or newline)";
        }
        Result estimate = ESTIMATOR.estimate(normalised);
        if (!estimate.isMinimumEntropyMet()) {
            return tooEasy(estimate);
        }
        return null;
    }

    private static String tooEasy(Result estimate) {
        StringBuilder message = new StringBuilder("this password is too easy to guess");
        String warning = estimate.getFeedback().getWarning();
        if (warning != null && !warning.isBlank()) {
            message.append(": ").append(lowerFirst(warning.strip()));
        }
        message.append(". Use a longer passphrase of uncommon words, or a password manager's random password");
        return message.toString();
    }

    private static String lowerFirst(String s) {
        String sentence = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        return sentence.substring(0, 1).toLowerCase(Locale.ROOT) + sentence.substring(1);
    }
}
