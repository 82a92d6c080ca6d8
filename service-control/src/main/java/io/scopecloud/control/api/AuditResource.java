package io.scopecloud.control.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.scopecloud.control.audit.AuditLog;
import io.scopecloud.control.audit.AuditView;
import io.scopecloud.tenancy.access.OrgAccess;
import io.scopecloud.tenancy.access.OrgCaller;
import io.scopecloud.tenancy.access.Role;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/app/{org}/api/control/audit?limit=&before=}: the org's control audit log, newest
 * first, for admins. {@code next} is the {@code before} of the following page, absent on the last.
 */
@Path("/api/app/{org}/api/control/audit")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {
    static final int MAX_LIMIT = 1000;

    private final OrgAccess access;
    private final AuditLog audit;

    public AuditResource(OrgAccess access, AuditLog audit) {
        this.access = requireNonNull(access, "access is null");
        this.audit = requireNonNull(audit, "audit is null");
    }

    @GET
    public AuditPage list(
            @PathParam("org") String org,
            @QueryParam("limit") @DefaultValue("100") int limit,
            @QueryParam("before") @DefaultValue("9223372036854775807") long before,
            @Context HttpHeaders headers) {
        OrgCaller caller = access.caller(org, headers).require(Role.ADMIN);
        int bounded = Math.max(1, Math.min(limit, MAX_LIMIT));
        List<AuditView> entries = audit.list(caller.scope().id(), before, bounded);
        Long next = entries.size() == bounded ? entries.get(entries.size() - 1).id() : null;
        return new AuditPage(entries, next);
    }

    /** One page of the audit log. */
    public record AuditPage(
            @JsonProperty("entries") List<AuditView> entries, @JsonProperty("next") @Nullable Long next) {}
}
