package io.scopecloud.tenancy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import io.scopecloud.tenancy.mail.SmtpMailer.SmtpSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Tenancy settings: the schema at start-up, probe token caching, sessions and cookies,
 * invitations (and the mail server that sends them), sign-up limits and sign-in throttling.
 */
public class TenancyFactory {
    /** Apply pending migrations at start-up; when false, only validate the schema. */
    @JsonProperty
    private boolean migrateOnStart = true;

    /** How long a checked probe token is trusted without asking PostgreSQL again (revocation delay). */
    @NotNull
    @MinDuration(value = 0, unit = TimeUnit.SECONDS)
    @MaxDuration(value = 5, unit = TimeUnit.MINUTES)
    @JsonProperty
    private Duration tokenCacheTtl = Duration.seconds(10);

    /** What {@link #getPublicUrl()} answers while {@code publicUrl} is unset. */
    static final URI DEFAULT_PUBLIC_URL = URI.create("http://localhost:4040/");

    /**
     * Where people reach this service, e.g. {@code https://scope.example.com/}. Invitation links
     * start with it; unset (or empty), they start with the address of the request that created
     * them, which is right unless a proxy rewrites {@code Host}.
     */
    @JsonProperty
    private @Nullable URI publicUrl;

    /**
     * Mark cookies Secure. Unset, it follows {@code publicUrl}: on when that is https, so a TLS
     * deployment never sends the session cookie in the clear; set it to true when TLS is ended
     * in front of a service whose public URL is written as http.
     */
    @JsonProperty
    private @Nullable Boolean secureCookies;

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MINUTES)
    @JsonProperty
    private Duration sessionIdleTimeout = Duration.days(7);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MINUTES)
    @JsonProperty
    private Duration sessionMaxAge = Duration.days(30);

    /**
     * How long a session read from PostgreSQL is trusted without reading it again; a sign-out on
     * another instance takes effect within it.
     */
    @NotNull
    @MinDuration(value = 0, unit = TimeUnit.SECONDS)
    @MaxDuration(value = 1, unit = TimeUnit.MINUTES)
    @JsonProperty
    private Duration sessionCacheTtl = Duration.seconds(2);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MINUTES)
    @JsonProperty
    private Duration inviteLifetime = Duration.days(7);

    /** Sign-ups allowed per client address per {@code rateWindow}. */
    @Min(1)
    @JsonProperty
    private int signUpsPerWindow = 20;

    /** The window of {@code signUpsPerWindow}. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration rateWindow = Duration.minutes(10);

    /**
     * Failed sign-ins from one client address for one email before each further failure makes
     * that address wait for that email (the owner, from their own address, is never held up).
     */
    @Min(1)
    @JsonProperty
    private int signInFreeFailures = 5;

    /** Failed sign-ins from one client address, whatever the emails, before it must wait. */
    @Min(1)
    @JsonProperty
    private int signInFreeFailuresPerAddress = 20;

    /** The first wait past the free failures; each further failure doubles it. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    @JsonProperty
    private Duration signInFirstDelay = Duration.seconds(1);

    /** The longest wait between failed sign-ins. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @MaxDuration(value = 1, unit = TimeUnit.DAYS)
    @JsonProperty
    private Duration signInMaxDelay = Duration.minutes(15);

    /**
     * Whether an address must be proved (by a mailed link) before its account may accept
     * invitations or receive password resets. Turn it off only for a standalone install without
     * mail whose operator vouches for its people.
     */
    @JsonProperty
    private boolean emailVerification = true;

    /** How long a password reset link works. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MINUTES)
    @MaxDuration(value = 1, unit = TimeUnit.DAYS)
    @JsonProperty
    private Duration passwordResetLifetime = Duration.hours(1);

    /** How long an email verification or change link works. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MINUTES)
    @JsonProperty
    private Duration emailLinkLifetime = Duration.days(1);

    /** Password reset requests and link uses allowed per client address per {@code rateWindow} (429 past it). */
    @Min(1)
    @JsonProperty
    private int accountLinksPerWindow = 10;

    /** Reset mails sent to one email per {@code rateWindow}; further requests answer the same and mail nothing. */
    @Min(1)
    @JsonProperty
    private int resetMailsPerEmail = 3;

    /** Bounds on every database call, applied to the {@code database} pool (see {@link DatabaseTimeouts}). */
    @Valid
    @NotNull
    @JsonProperty
    private DatabaseTimeouts databaseTimeouts = new DatabaseTimeouts();

    /** Mail server for invitations; without one, invitations are links to pass on by hand. */
    @Valid
    @JsonProperty
    private @Nullable Smtp smtp;

    public boolean isMigrateOnStart() {
        return migrateOnStart;
    }

    public void setMigrateOnStart(boolean migrateOnStart) {
        this.migrateOnStart = migrateOnStart;
    }

    public Duration getTokenCacheTtl() {
        return tokenCacheTtl;
    }

    public void setTokenCacheTtl(Duration tokenCacheTtl) {
        this.tokenCacheTtl = tokenCacheTtl;
    }

    public Duration getSessionCacheTtl() {
        return sessionCacheTtl;
    }

    public void setSessionCacheTtl(Duration sessionCacheTtl) {
        this.sessionCacheTtl = sessionCacheTtl;
    }

    /** The configured public URL, else {@code http://localhost:4040/}. */
    public URI getPublicUrl() {
        return configuredPublicUrl().orElse(DEFAULT_PUBLIC_URL);
    }

    /** The public URL if one is configured (an empty value counts as none). */
    public Optional<URI> configuredPublicUrl() {
        return publicUrl == null || publicUrl.getHost() == null ? Optional.empty() : Optional.of(publicUrl);
    }

    public void setPublicUrl(@Nullable URI publicUrl) {
        this.publicUrl = publicUrl;
    }

    /** Whether cookies are Secure: as set, else whether {@code publicUrl} is https. */
    public boolean isSecureCookies() {
        return secureCookies != null
                ? secureCookies
                : "https".equalsIgnoreCase(getPublicUrl().getScheme());
    }

    public void setSecureCookies(@Nullable Boolean secureCookies) {
        this.secureCookies = secureCookies;
    }

    public Duration getSessionIdleTimeout() {
        return sessionIdleTimeout;
    }

    public void setSessionIdleTimeout(Duration sessionIdleTimeout) {
        this.sessionIdleTimeout = sessionIdleTimeout;
    }

    public Duration getSessionMaxAge() {
        return sessionMaxAge;
    }

    public void setSessionMaxAge(Duration sessionMaxAge) {
        this.sessionMaxAge = sessionMaxAge;
    }

    public Duration getInviteLifetime() {
        return inviteLifetime;
    }

    public void setInviteLifetime(Duration inviteLifetime) {
        this.inviteLifetime = inviteLifetime;
    }

    public int getSignUpsPerWindow() {
        return signUpsPerWindow;
    }

    public void setSignUpsPerWindow(int signUpsPerWindow) {
        this.signUpsPerWindow = signUpsPerWindow;
    }

    public int getSignInFreeFailures() {
        return signInFreeFailures;
    }

    public void setSignInFreeFailures(int signInFreeFailures) {
        this.signInFreeFailures = signInFreeFailures;
    }

    public int getSignInFreeFailuresPerAddress() {
        return signInFreeFailuresPerAddress;
    }

    public void setSignInFreeFailuresPerAddress(int signInFreeFailuresPerAddress) {
        this.signInFreeFailuresPerAddress = signInFreeFailuresPerAddress;
    }

    public Duration getSignInFirstDelay() {
        return signInFirstDelay;
    }

    public void setSignInFirstDelay(Duration signInFirstDelay) {
        this.signInFirstDelay = signInFirstDelay;
    }

    public Duration getSignInMaxDelay() {
        return signInMaxDelay;
    }

    public void setSignInMaxDelay(Duration signInMaxDelay) {
        this.signInMaxDelay = signInMaxDelay;
    }

    public Duration getRateWindow() {
        return rateWindow;
    }

    public void setRateWindow(Duration rateWindow) {
        this.rateWindow = rateWindow;
    }

    public DatabaseTimeouts getDatabaseTimeouts() {
        return databaseTimeouts;
    }

    public void setDatabaseTimeouts(DatabaseTimeouts databaseTimeouts) {
        this.databaseTimeouts = databaseTimeouts;
    }

    public boolean isEmailVerification() {
        return emailVerification;
    }

    public void setEmailVerification(boolean emailVerification) {
        this.emailVerification = emailVerification;
    }

    public Duration getPasswordResetLifetime() {
        return passwordResetLifetime;
    }

    public void setPasswordResetLifetime(Duration passwordResetLifetime) {
        this.passwordResetLifetime = passwordResetLifetime;
    }

    public Duration getEmailLinkLifetime() {
        return emailLinkLifetime;
    }

    public void setEmailLinkLifetime(Duration emailLinkLifetime) {
        this.emailLinkLifetime = emailLinkLifetime;
    }

    public int getAccountLinksPerWindow() {
        return accountLinksPerWindow;
    }

    public void setAccountLinksPerWindow(int accountLinksPerWindow) {
        this.accountLinksPerWindow = accountLinksPerWindow;
    }

    public int getResetMailsPerEmail() {
        return resetMailsPerEmail;
    }

    public void setResetMailsPerEmail(int resetMailsPerEmail) {
        this.resetMailsPerEmail = resetMailsPerEmail;
    }

    /** The mail server, when one is configured (a host, or a {@code server} such as {@code SCOPE_CLOUD_SMTP}). */
    public @Nullable SmtpSettings smtpSettings() {
        return smtp == null ? null : smtp.settings();
    }

    public @Nullable Smtp getSmtp() {
        return smtp;
    }

    public void setSmtp(@Nullable Smtp smtp) {
        this.smtp = smtp;
    }

    /**
     * An SMTP server: {@code server} as {@code host:port} (what {@code SCOPE_CLOUD_SMTP} fills in),
     * or {@code host} and {@code port}. Neither set (an empty {@code SCOPE_CLOUD_SMTP}) means no
     * mail server: mails are logged for the operator.
     */
    public static class Smtp {
        @JsonProperty
        private @Nullable String server;

        @JsonProperty
        private @Nullable String host;

        @Min(1)
        @Max(65535)
        @JsonProperty
        private int port = 25;

        /** Require STARTTLS before anything is sent (and so before the password). */
        @JsonProperty
        private boolean startTls = false;

        @JsonProperty
        private String user = "";

        @JsonProperty
        private String password = "";

        @NotEmpty
        @JsonProperty
        private String from = "Scope Cloud <scope-cloud@localhost>";

        /** The server's settings, or null when none is configured; a malformed {@code server} is refused. */
        public @Nullable SmtpSettings settings() {
            String h = host;
            int p = port;
            if (server != null && !server.isBlank()) {
                String s = server.strip();
                int colon = s.lastIndexOf(':');
                h = colon < 0 ? s : s.substring(0, colon);
                try {
                    p = colon < 0 ? 25 : Integer.parseInt(s.substring(colon + 1));
                } catch (NumberFormatException e) {
                    p = -1;
                }
                if (h.isEmpty() || p < 1 || p > 65535) {
                    throw new IllegalArgumentException(
                            "tenancy.smtp.server (SCOPE_CLOUD_SMTP) must be host:port, not '" + s + "'");
                }
            }
            if (h == null || h.isBlank()) {
                return null;
            }
            return new SmtpSettings(h, p, startTls, user, password, from);
        }

        public void setServer(@Nullable String server) {
            this.server = server;
        }

        public void setHost(@Nullable String host) {
            this.host = host;
        }

        public void setPort(int port) {
            this.port = port;
        }

        public void setStartTls(boolean startTls) {
            this.startTls = startTls;
        }

        public void setUser(String user) {
            this.user = user;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public void setFrom(String from) {
            this.from = from;
        }
    }
}
