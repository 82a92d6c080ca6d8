package io.scopecloud.tenancy.account;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Password hashing with argon2id (password4j), at OWASP's minimum cost: 19 MiB, 2 passes, one
 * lane. Hashes carry their parameters, so the cost can rise later without breaking old hashes.
 * Callers hash and compare the NFKC form ({@link PasswordPolicy#normalise}).
 */
public final class Passwords {
    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);
    /** Checked against when no such user exists, so a missing account costs the same time. */
    private static final String DUMMY_HASH = hash("not-a-real-password-at-all");

    private Passwords() {}

    public static String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
    }

    public static boolean matches(String password, String hash) {
        return Password.check(password, hash).with(ARGON2);
    }

    /** Spends the time of one check, for sign-in attempts on unknown accounts. */
    static void burnOneCheck(String password) {
        matches(password, DUMMY_HASH);
    }
}
