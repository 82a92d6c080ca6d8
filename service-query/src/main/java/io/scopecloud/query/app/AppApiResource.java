package io.scopecloud.query.app;

import static java.util.Objects.requireNonNull;

import io.scopecloud.query.render.HostsRenderer;
import io.scopecloud.query.render.TopologyNodes;
import io.scopecloud.query.window.OrgWindows;
import io.scopecloud.report.Report;
import io.scopecloud.report.codec.ReportEncoder;
import io.scopecloud.tenancy.access.OrgAccess;
import io.scopecloud.tenancy.access.OrgScope;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * Weave Scope's app API for one org, under {@code /api/app/{org}/api}: the merged report of the
 * org's window and its rendered views. Every method first asks {@link OrgAccess}, so another
 * tenant's caller only ever sees a 404.
 */
@Path("/api/app/{org}/api")
@Produces(MediaType.APPLICATION_JSON)
public final class AppApiResource {
    private final OrgAccess access;
    private final OrgWindows windows;
    private final HostsRenderer hosts = new HostsRenderer();

    public AppApiResource(OrgAccess access, OrgWindows windows) {
        this.access = requireNonNull(access, "access is null");
        this.windows = requireNonNull(windows, "windows is null");
    }

    @GET
    @Path("report")
    public StreamingOutput report(@PathParam("org") String org, @Context HttpHeaders headers) {
        Report report = merged(org, headers);
        return out -> ReportEncoder.writeJson(report, out);
    }

    @GET
    @Path("topology/{topology}")
    public TopologyNodes topology(
            @PathParam("org") String org, @PathParam("topology") String topology, @Context HttpHeaders headers) {
        Report report = merged(org, headers);
        if (!"hosts".equals(topology)) {
            throw new NotFoundException("no topology " + topology);
        }
        return new TopologyNodes(hosts.render(report));
    }

    private Report merged(String org, HttpHeaders headers) {
        OrgScope scope = access.require(org, headers);
        return windows.merged(scope.id());
    }
}
