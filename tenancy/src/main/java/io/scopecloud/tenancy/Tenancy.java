package io.scopecloud.tenancy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.util.Duration;
import io.scopecloud.tenancy.access.OrgAccess;
import io.scopecloud.tenancy.account.AccountDeletion;
import io.scopecloud.tenancy.account.AccountLinkDao;
import io.scopecloud.tenancy.account.AccountLinks;
import io.scopecloud.tenancy.account.Accounts;
import io.scopecloud.tenancy.account.EmailAddresses;
import io.scopecloud.tenancy.account.PasswordResets;
import io.scopecloud.tenancy.account.TwoFactor;
import io.scopecloud.tenancy.account.UserDao;
import io.scopecloud.tenancy.invite.Invites;
import io.scopecloud.tenancy.mail.AccountMails;
import io.scopecloud.tenancy.mail.LogMailer;
import io.scopecloud.tenancy.mail.Mailer;
import io.scopecloud.tenancy.mail.Outbox;
import io.scopecloud.tenancy.mail.SmtpMailer;
import io.scopecloud.tenancy.member.Members;
import io.scopecloud.tenancy.member.MembershipCache;
import io.scopecloud.tenancy.org.OrgDao;
import io.scopecloud.tenancy.org.Orgs;
import io.scopecloud.tenancy.probe.ProbeDao;
import io.scopecloud.tenancy.session.SessionDao;
import io.scopecloud.tenancy.session.SessionDirectory;
import io.scopecloud.tenancy.session.SessionDirectoryDao;
import io.scopecloud.tenancy.session.Sessions;
import io.scopecloud.tenancy.token.ProbeTokenDao;
import io.scopecloud.tenancy.token.ProbeTokens;
import io.scopecloud.tenancy.view.SharedViewDao;
import io.scopecloud.tenancy.view.SharedViews;
import io.scopecloud.tenancy.web.SiteOrigin;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** The tenancy services, wired over one {@link Jdbi}: what the service bundles use. */
public final class Tenancy {
    private final Jdbi jdbi;
    private final Orgs orgs;
    private final ProbeTokens probeTokens;
    private final ProbeDao probes;
    private final Accounts accounts;
    private final Sessions sessions;
    private final Members members;
    private final Invites invites;
    private final SharedViews views;
    private final OrgAccess orgAccess;
    private final SiteOrigin siteOrigin;
    private final Mailer mailer;
    private final Outbox outbox;
    private final Optional<URI> publicUrl;
    private final AccountLinks accountLinks;
    private final SessionDirectory sessionDirectory;
    private final PasswordResets passwordResets;
    private final EmailAddresses emailAddresses;
    private final AccountDeletion accountDeletion;
    private final boolean emailVerification;
    private final TwoFactor twoFactor;

    public Tenancy(Jdbi jdbi, Clock clock, TenancyFactory settings) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(settings, "settings is null");
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.installPlugin(new PostgresPlugin());
        OrgDao orgDao = jdbi.onDemand(OrgDao.class);
        // as long as a session is cached: what may see an org changes no slower than who is signed in
        MembershipCache memberships =
                new MembershipCache(settings.getSessionCacheTtl().toJavaDuration());
        this.members = new Members(jdbi, memberships);
        this.orgs = new Orgs(jdbi, orgDao, memberships);
        this.probeTokens = new ProbeTokens(
                jdbi,
                jdbi.onDemand(ProbeTokenDao.class),
                orgDao,
                clock,
                settings.getTokenCacheTtl().toJavaDuration());
        this.probes = jdbi.onDemand(ProbeDao.class);
        UserDao users = jdbi.onDemand(UserDao.class);
        this.accounts = new Accounts(users);
        this.sessions = new Sessions(
                jdbi.onDemand(SessionDao.class),
                clock,
                settings.getSessionIdleTimeout().toJavaDuration(),
                settings.getSessionMaxAge().toJavaDuration(),
                settings.getSessionCacheTtl().toJavaDuration());
        SmtpMailer.SmtpSettings smtp = settings.smtpSettings();
        this.mailer = smtp == null ? new LogMailer() : new SmtpMailer(smtp);
        this.outbox = new Outbox(mailer);
        this.publicUrl = settings.configuredPublicUrl();
        this.invites = new Invites(
                jdbi, mailer, clock, settings.getInviteLifetime().toJavaDuration(), settings.configuredPublicUrl());
        this.emailVerification = settings.isEmailVerification();
        this.accountLinks = new AccountLinks(jdbi.onDemand(AccountLinkDao.class), clock);
        this.sessionDirectory = new SessionDirectory(jdbi.onDemand(SessionDirectoryDao.class), sessions, clock);
        this.passwordResets = new PasswordResets(
                users,
                accountLinks,
                sessionDirectory,
                outbox,
                settings.getPasswordResetLifetime().toJavaDuration(),
                emailVerification);
        this.emailAddresses = new EmailAddresses(
                users,
                accounts,
                accountLinks,
                outbox,
                clock,
                settings.getEmailLinkLifetime().toJavaDuration());
        this.accountDeletion = new AccountDeletion(jdbi, accounts, memberships);
        this.views = new SharedViews(jdbi.onDemand(SharedViewDao.class), new ObjectMapper());
        this.twoFactor = new TwoFactor(jdbi, accounts, clock, memberships);
        this.orgAccess = new OrgAccess(probeTokens, sessions, members);
        this.siteOrigin = new SiteOrigin(settings.getPublicUrl());
    }

    /** Defaults for everything but the token cache: for tools and tests. */
    public Tenancy(Jdbi jdbi, Clock clock, java.time.Duration tokenCacheTtl) {
        this(jdbi, clock, withTokenCacheTtl(tokenCacheTtl));
    }

    private static TenancyFactory withTokenCacheTtl(java.time.Duration ttl) {
        TenancyFactory settings = new TenancyFactory();
        settings.setTokenCacheTtl(Duration.milliseconds(ttl.toMillis()));
        return settings;
    }

    /** The shared handle, for bundles that keep tables of their own in the same database. */
    public Jdbi jdbi() {
        return jdbi;
    }

    public Orgs orgs() {
        return orgs;
    }

    public ProbeTokens probeTokens() {
        return probeTokens;
    }

    public ProbeDao probes() {
        return probes;
    }

    public Accounts accounts() {
        return accounts;
    }

    public Sessions sessions() {
        return sessions;
    }

    public Members members() {
        return members;
    }

    public Invites invites() {
        return invites;
    }

    public SharedViews views() {
        return views;
    }

    public OrgAccess orgAccess() {
        return orgAccess;
    }

    /** Where mail goes: the SMTP server, or the log when none is configured. */
    public Mailer mailer() {
        return mailer;
    }

    /** Account mails, sent in the background. */
    public Outbox outbox() {
        return outbox;
    }

    /**
     * The words of every mail, with links to and naming where people reach this service: {@code tenancy.publicUrl}
     * when configured, else the address {@code requestBase} of the request that causes the mail, as invitation links.
     */
    public AccountMails mails(URI requestBase) {
        return new AccountMails(publicUrl.orElse(requestBase));
    }

    public AccountLinks accountLinks() {
        return accountLinks;
    }

    public SessionDirectory sessionDirectory() {
        return sessionDirectory;
    }

    public PasswordResets passwordResets() {
        return passwordResets;
    }

    public EmailAddresses emailAddresses() {
        return emailAddresses;
    }

    public AccountDeletion accountDeletion() {
        return accountDeletion;
    }

    /** TOTP two-factor sign-in, recovery codes and the orgs that require it. */
    public TwoFactor twoFactor() {
        return twoFactor;
    }

    /** Whether an address must be verified before invitations and resets (tenancy.emailVerification). */
    public boolean emailVerification() {
        return emailVerification;
    }

    /** Whether a browser request comes from this site (CSRF and websocket upgrades, ADR 0007). */
    public SiteOrigin siteOrigin() {
        return siteOrigin;
    }
}
