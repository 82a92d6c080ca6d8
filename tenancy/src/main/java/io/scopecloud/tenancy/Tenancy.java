package io.scopecloud.tenancy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.util.Duration;
import io.scopecloud.tenancy.access.OrgAccess;
import io.scopecloud.tenancy.account.Accounts;
import io.scopecloud.tenancy.account.UserDao;
import io.scopecloud.tenancy.invite.InviteMailer;
import io.scopecloud.tenancy.invite.Invites;
import io.scopecloud.tenancy.invite.SmtpInviteMailer;
import io.scopecloud.tenancy.member.Members;
import io.scopecloud.tenancy.org.OrgDao;
import io.scopecloud.tenancy.org.Orgs;
import io.scopecloud.tenancy.probe.ProbeDao;
import io.scopecloud.tenancy.session.SessionDao;
import io.scopecloud.tenancy.session.Sessions;
import io.scopecloud.tenancy.token.ProbeTokenDao;
import io.scopecloud.tenancy.token.ProbeTokens;
import io.scopecloud.tenancy.view.SharedViewDao;
import io.scopecloud.tenancy.view.SharedViews;
import io.scopecloud.tenancy.web.SiteOrigin;
import java.time.Clock;
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

    public Tenancy(Jdbi jdbi, Clock clock, TenancyFactory settings) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(settings, "settings is null");
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.installPlugin(new PostgresPlugin());
        OrgDao orgDao = jdbi.onDemand(OrgDao.class);
        this.members = new Members(jdbi);
        this.orgs = new Orgs(jdbi, orgDao);
        this.probeTokens = new ProbeTokens(
                jdbi,
                jdbi.onDemand(ProbeTokenDao.class),
                orgDao,
                clock,
                settings.getTokenCacheTtl().toJavaDuration());
        this.probes = jdbi.onDemand(ProbeDao.class);
        this.accounts = new Accounts(jdbi.onDemand(UserDao.class));
        this.sessions = new Sessions(
                jdbi.onDemand(SessionDao.class),
                clock,
                settings.getSessionIdleTimeout().toJavaDuration(),
                settings.getSessionMaxAge().toJavaDuration(),
                settings.getSessionCacheTtl().toJavaDuration());
        InviteMailer mailer = settings.getSmtp() == null
                ? (to, org, inviter, link) -> false
                : new SmtpInviteMailer(settings.getSmtp().settings());
        this.invites = new Invites(
                jdbi, mailer, clock, settings.getInviteLifetime().toJavaDuration(), settings.configuredPublicUrl());
        this.views = new SharedViews(jdbi.onDemand(SharedViewDao.class), new ObjectMapper());
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

    /** Whether a browser request comes from this site (CSRF and websocket upgrades, ADR 0007). */
    public SiteOrigin siteOrigin() {
        return siteOrigin;
    }
}
