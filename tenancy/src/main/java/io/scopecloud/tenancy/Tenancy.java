package io.scopecloud.tenancy;

import static java.util.Objects.requireNonNull;

import io.scopecloud.tenancy.access.OrgAccess;
import io.scopecloud.tenancy.org.OrgDao;
import io.scopecloud.tenancy.org.Orgs;
import io.scopecloud.tenancy.probe.ProbeDao;
import io.scopecloud.tenancy.token.ProbeTokenDao;
import io.scopecloud.tenancy.token.ProbeTokens;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** The tenancy services, wired over one {@link Jdbi}: what the service bundles use. */
public final class Tenancy {
    private final Orgs orgs;
    private final ProbeTokens probeTokens;
    private final ProbeDao probes;
    private final OrgAccess orgAccess;

    public Tenancy(Jdbi jdbi, Clock clock, Duration tokenCacheTtl) {
        requireNonNull(jdbi, "jdbi is null");
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.installPlugin(new PostgresPlugin());
        OrgDao orgDao = jdbi.onDemand(OrgDao.class);
        this.orgs = new Orgs(orgDao);
        this.probeTokens = new ProbeTokens(jdbi.onDemand(ProbeTokenDao.class), orgDao, clock, tokenCacheTtl);
        this.probes = jdbi.onDemand(ProbeDao.class);
        this.orgAccess = new OrgAccess(probeTokens);
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

    public OrgAccess orgAccess() {
        return orgAccess;
    }
}
