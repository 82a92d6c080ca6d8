package io.scopecloud.tenancy.account;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Signing up, signing in and changing a password. */
public final class Accounts {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s.]{1,63}");

    private final UserDao users;

    public Accounts(UserDao users) {
        this.users = requireNonNull(users, "users is null");
    }

    /** Creates an account; throws {@link AccountException} for a bad email or password or a taken email. */
    public User signUp(String email, String password) {
        String normalised = normaliseEmail(email);
        String problem = Passwords.problemWith(password);
        if (problem != null) {
            throw new AccountException(problem);
        }
        UUID id = UUID.randomUUID();
        if (users.insert(id, normalised, Passwords.hash(password)) == 0) {
            throw new AccountException.Taken("an account with this email already exists: sign in instead");
        }
        return users.find(id).orElseThrow();
    }

    /** The account, if the email and password match one; the same time is spent either way. */
    public Optional<User> authenticate(String email, String password) {
        if (email == null || password == null || password.length() > Passwords.MAX_LENGTH) {
            return Optional.empty();
        }
        Optional<User> user = users.findByEmail(email.strip());
        Optional<String> hash = user.flatMap(u -> users.passwordHash(u.id()));
        if (hash.isEmpty()) {
            Passwords.burnOneCheck(password);
            return Optional.empty();
        }
        return Passwords.matches(password, hash.get()) ? user : Optional.empty();
    }

    public void changePassword(UUID userId, String current, String replacement) {
        String hash = users.passwordHash(userId).orElseThrow(() -> new AccountException("no such account"));
        if (current == null || !Passwords.matches(current, hash)) {
            throw new AccountException.WrongPassword("the current password is not right");
        }
        String problem = Passwords.problemWith(replacement);
        if (problem != null) {
            throw new AccountException(problem);
        }
        users.setPasswordHash(userId, Passwords.hash(replacement));
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
