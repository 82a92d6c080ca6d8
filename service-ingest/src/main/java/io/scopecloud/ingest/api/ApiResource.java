package io.scopecloud.ingest.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.scopecloud.common.web.BuildInfo;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api}: how probes identify the service. The {@code id} must stay the same across
 * restarts and instances: a Weave Scope probe that sees it change tears down and reconnects.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public final class ApiResource {
    private final String serviceId;

    public ApiResource(String serviceId) {
        this.serviceId = requireNonNull(serviceId, "serviceId is null");
    }

    @GET
    public ApiInfo get() {
        return new ApiInfo(
                serviceId, BuildInfo.version(), BuildInfo.hostname(), List.of(), Map.of("historic_reports", false));
    }

    /**
     * The body of {@code GET /api}, with Scope's keys in Scope's order. No org is known here, so no plugins: an org's
     * plugins are listed by {@code /api/app/{org}/api}.
     */
    @JsonPropertyOrder({"capabilities", "hostname", "id", "plugins", "version"})
    public record ApiInfo(
            @JsonProperty("id") String id,
            @JsonProperty("version") String version,
            @JsonProperty("hostname") String hostname,
            @JsonProperty("plugins") List<Object> plugins,
            @JsonProperty("capabilities") Map<String, Boolean> capabilities) {}
}
