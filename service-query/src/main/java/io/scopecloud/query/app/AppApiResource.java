package io.scopecloud.query.app;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.scopecloud.common.web.BuildInfo;
import io.scopecloud.query.detail.Censor;
import io.scopecloud.query.detail.GoTimeFormat;
import io.scopecloud.query.detail.NodeSummary;
import io.scopecloud.query.topology.Views;
import io.scopecloud.query.window.OrgSnapshot;
import io.scopecloud.report.LatestEntry;
import io.scopecloud.report.Node;
import io.scopecloud.report.PluginSpec;
import io.scopecloud.report.Report;
import io.scopecloud.report.TopologyType;
import io.scopecloud.report.codec.ReportEncoder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Weave Scope's app API for one org, under {@code /api/app/{org}/api}: the merged report of the
 * org's window and the views rendered from it. Every method first asks {@link OrgRequests}, so
 * another tenant's caller only ever sees a 404, and a request for an org another instance owns is
 * answered by that instance.
 */
@Path("/api/app/{org}/api")
@Produces(MediaType.APPLICATION_JSON)
public final class AppApiResource {
    private static final String MSGPACK = "application/msgpack";
    /** The routes as Jersey's request metrics name them ({@code uri}); {@link FastReads} counts its answers under them. */
    static final String ROUTE = "/api/app/{org}/api";

    static final String REPORT_ROUTE = ROUTE + "/report";
    static final String PROBES_ROUTE = ROUTE + "/probes";
    static final String TOPOLOGIES_ROUTE = ROUTE + "/topology";
    static final String TOPOLOGY_ROUTE = TOPOLOGIES_ROUTE + "/{topology}";
    static final String NODE_ROUTE = TOPOLOGY_ROUTE + "/{node: .+}";

    private final OrgRequests orgs;
    private final Views views;

    public AppApiResource(OrgRequests orgs, Views views) {
        this.orgs = requireNonNull(orgs, "orgs is null");
        this.views = requireNonNull(views, "views is null");
    }

    @GET
    public Response api(@PathParam("org") String org, @Context HttpHeaders headers, @Context UriInfo uri) {
        return orgs.serveJson(
                org,
                headers,
                uri,
                ROUTE,
                s -> new ApiInfo(
                        Long.toHexString(org.hashCode() & 0xffffffffL),
                        BuildInfo.version(),
                        BuildInfo.hostname(),
                        s.report().plugins().stream().map(PluginView::of).toList(),
                        Map.of("historic_reports", false)));
    }

    @GET
    @Path("report")
    @Produces({MediaType.APPLICATION_JSON, MSGPACK})
    public Response report(@PathParam("org") String org, @Context HttpHeaders headers, @Context UriInfo uri) {
        Censor censor = ApiParams.censor(ApiParams.of(uri.getQueryParameters()));
        boolean msgpack = headers.getAcceptableMediaTypes().stream()
                .anyMatch(m -> m.toString().startsWith(MSGPACK));
        if (!msgpack) {
            // Scope's JSON of the merged report: encoded once per snapshot and shared, as the views are
            return orgs.serveJson(org, headers, uri, REPORT_ROUTE, s -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
                try {
                    ReportEncoder.writeJson(ReportCensor.apply(s.report(), censor), out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return out.toByteArray();
            });
        }
        return orgs.serve(org, headers, uri, s -> {
            Report report = ReportCensor.apply(s.report(), censor);
            StreamingOutput body = out -> ReportEncoder.writeMsgpack(report, out);
            return Response.ok(body, MSGPACK).build();
        });
    }

    @GET
    @Path("probes")
    public Response probes(@PathParam("org") String org, @Context HttpHeaders headers, @Context UriInfo uri) {
        boolean sparse = uri.getQueryParameters().containsKey("sparse");
        return orgs.serveJson(
                org,
                headers,
                uri,
                PROBES_ROUTE,
                s -> sparse ? (Object) (s.report().nodeCount() > 0) : probes(s));
    }

    private static List<ProbeInfo> probes(OrgSnapshot s) {
        List<ProbeInfo> out = new ArrayList<>();
        for (Node n : s.report().topology(TopologyType.HOST).nodes().values()) {
            LatestEntry version = n.latest().get("host_scope_version");
            out.add(new ProbeInfo(
                    n.latestValue("control_probe_id").orElse(""),
                    n.latestValue("host_name").orElse(""),
                    version == null ? "" : version.value(),
                    version == null ? "0001-01-01T00:00:00Z" : GoTimeFormat.format(version.timestamp())));
        }
        return out;
    }

    @GET
    @Path("topology")
    public Response topologies(@PathParam("org") String org, @Context HttpHeaders headers, @Context UriInfo uri) {
        Map<String, List<String>> params = ApiParams.of(uri.getQueryParameters());
        return orgs.serveJson(org, headers, uri, TOPOLOGIES_ROUTE, s -> views.list(s.context(), params));
    }

    @GET
    @Path("topology/{topology}")
    public Response topology(
            @PathParam("org") String org,
            @PathParam("topology") String topology,
            @Context HttpHeaders headers,
            @Context UriInfo uri) {
        Map<String, List<String>> params = ApiParams.of(uri.getQueryParameters());
        views.descriptor(topology);
        return orgs.serveJson(
                org,
                headers,
                uri,
                TOPOLOGY_ROUTE,
                s -> new TopologyNodes(views.summaries(s.context(), topology, params, ApiParams.censor(params))));
    }

    @GET
    @Path("topology/{topology}/{node: .+}")
    public Response node(
            @PathParam("org") String org,
            @PathParam("topology") String topology,
            @Context HttpHeaders headers,
            @Context UriInfo uri) {
        Map<String, List<String>> params = ApiParams.of(uri.getQueryParameters());
        views.descriptor(topology);
        String nodeId = rawNodeId(uri, topology);
        return orgs.serveJson(org, headers, uri, NODE_ROUTE, s -> views.details(
                        s.context(), topology, nodeId, params, ApiParams.censor(params))
                .map(NodeBody::new)
                .orElseThrow(() -> new NotFoundException("no node " + nodeId + " in " + topology)));
    }

    /** Node ids hold ';' (matrix parameters to JAX-RS) and '/' (as %2F): take them from the raw path. */
    private static String rawNodeId(UriInfo uri, String topology) {
        String raw = uri.getRequestUri().getRawPath();
        String marker = "/topology/" + topology + "/";
        String encoded = raw.substring(raw.indexOf(marker) + marker.length());
        return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** {@code GET /api}, with Scope's keys in Scope's order. */
    @JsonPropertyOrder({"capabilities", "hostname", "id", "plugins", "version"})
    public record ApiInfo(
            @JsonProperty("id") String id,
            @JsonProperty("version") String version,
            @JsonProperty("hostname") String hostname,
            @JsonProperty("plugins") List<PluginView> plugins,
            @JsonProperty("capabilities") Map<String, Boolean> capabilities) {}

    /** A plugin as Scope's {@code GET /api} lists it: {@code api_version}, and empty strings left out. */
    @JsonPropertyOrder({"api_version", "description", "id", "interfaces", "label", "status"})
    public record PluginView(
            @JsonProperty("id") String id,
            @JsonProperty("label") String label,
            @JsonProperty("description") @JsonInclude(JsonInclude.Include.NON_EMPTY) String description,
            @JsonProperty("interfaces") List<String> interfaces,
            @JsonProperty("api_version") @JsonInclude(JsonInclude.Include.NON_EMPTY) String apiVersion,
            @JsonProperty("status") @JsonInclude(JsonInclude.Include.NON_EMPTY) String status) {
        static PluginView of(PluginSpec p) {
            return new PluginView(p.id(), p.label(), p.description(), p.interfaces(), p.apiVersion(), p.status());
        }
    }

    /** One entry of {@code GET /api/probes}. */
    public record ProbeInfo(
            @JsonProperty("id") String id,
            @JsonProperty("hostname") String hostname,
            @JsonProperty("version") String version,
            @JsonProperty("lastSeen") String lastSeen) {}

    /** {@code GET /api/topology/{id}}. */
    public record TopologyNodes(@JsonProperty("nodes") Map<String, NodeSummary> nodes) {}

    /** {@code GET /api/topology/{id}/{node}}. */
    public record NodeBody(@JsonProperty("node") io.scopecloud.query.detail.NodeDetails node) {}
}
