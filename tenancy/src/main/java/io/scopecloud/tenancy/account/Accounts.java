package io.scopecloud.tenancy.account;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Signing up, signing in and changing a password. */
public final class Accounts {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s.]{1,63}");

    /** Longer input is not a password of ours (256 characters after NFKC), so it is not even hashed. */
    static final int MAX_TYPED_LENGTH = 4 * PasswordPolicy.MAX_LENGTH;

    private final UserDao users;

    public Accounts(UserDao users) {
        this.users = requireNonNull(users, "users is null");
    }

    /** Creates an account; throws {@link AccountException} for a bad email or password or a taken email. */
    public User signUp(String email, String password) {
        String normalised = normaliseEmail(email);
        String secret = acceptableNewPassword(password);
        UUID id = UUID.randomUUID();
        if (users.insert(id, normalised, Passwords.hash(secret)) == 0) {
            throw new AccountException.Taken("an account with this email already exists: sign in instead");
        }
        return users.find(id).orElseThrow();
    }

    /** The account, if the email and password match one; the same time is spent either way. */
    public Optional<User> authenticate(String email, String password) {
        if (email == null || password == null || password.length() > MAX_TYPED_LENGTH) {
            return Optional.empty();
        }
        Optional<User> user = users.findByEmail(email.strip());
        Optional<String> hash = user.flatMap(u -> users.passwordHash(u.id()));
        if (hash.isEmpty()) {
            Passwords.burnOneCheck(PasswordPolicy.normalise(password));
            return Optional.empty();
        }
        return matches(user.get().id(), password, hash.get()) ? user : Optional.empty();
    }

    public void changePassword(UUID userId, String current, String replacement) {
        checkPassword(userId, current);
        users.setPasswordHash(userId, Passwords.hash(acceptableNewPassword(replacement)));
    }

    /** Throws {@link AccountException.WrongPassword} (403) unless {@code current} is the person's password. */
    public void checkPassword(UUID userId, String current) {
        String hash = users.passwordHash(userId).orElseThrow(() -> new AccountException("no such account"));
        if (current == null || current.length() > MAX_TYPED_LENGTH || !matches(userId, current, hash)) {
            throw new AccountException.WrongPassword("the current password is not right");
        }
    }

    /** The NFKC form of a new password, or an {@link AccountException} saying what is wrong with it. */
    static String acceptableNewPassword(String password) {
        String normalised = password == null ? null : PasswordPolicy.normalise(password);
        String problem = PasswordPolicy.problemWith(normalised);
        if (problem != null) {
            throw new AccountException(problem);
        }
        return normalised;
    }

    /**
     * Compares the NFKC form. Hashes made before passwords were normalised are of the password as
     * typed: those still match, and are replaced by the hash of the normalised form.
     */
    private boolean matches(UUID userId, String password, String hash) {
        String normalised = PasswordPolicy.normalise(password);
        if (Passwords.matches(normalised, hash)) {
            return true;
        }
        if (!normalised.equals(password) && Passwords.matches(password, hash)) {
            users.setPasswordHash(userId, Passwords.hash(normalised));
            return true;
        }
        return false;
    }

    public Optional<User> find(UUID id) {
        return users.find(id);
    }

    public Optional<User> findByEmail(String email) {
        return users.findByEmail(email);
    }

    static String normaliseEmail(String email) {
        String e = email == null ? "" : email.strip();
        if (!EMAIL.matcher(e).matches()) {
            throw new AccountException("'" + e + "' is not an email address");
        }
        int at = e.lastIndexOf('@');
        return e.substring(0, at) + e.substring(at).toLowerCase(Locale.ROOT);
    }
}
