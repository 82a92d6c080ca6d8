package io.scopecloud.probe.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scopecloud.report.GoTime;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pure parsers from the Docker Engine API's JSON to the probe's records. Lenient the way Go's
 * decoder is: a missing or null field gets its zero value, so Docker's and podman's documents
 * (which differ in which fields they fill) parse alike.
 */
final class DockerJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private DockerJson() {}

    static JsonNode tree(byte[] json) throws IOException {
        return MAPPER.readTree(json);
    }

    /** The container ids of {@code GET /containers/json?all=1}. */
    static List<String> containerIds(JsonNode list) {
        List<String> ids = new ArrayList<>();
        for (JsonNode c : list) {
            String id = text(c, "Id");
            if (!id.isEmpty()) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** {@code GET /containers/{id}/json}. */
    static DockerContainer container(JsonNode c) {
        JsonNode config = c.path("Config");
        JsonNode state = c.path("State");
        JsonNode settings = c.path("NetworkSettings");
        DockerContainer.State parsedState = new DockerContainer.State(
                text(state, "Status"),
                state.path("Running").asBoolean(false),
                state.path("Paused").asBoolean(false),
                state.path("Restarting").asBoolean(false),
                state.path("Dead").asBoolean(false),
                state.path("Pid").asInt(0),
                state.path("ExitCode").asInt(0),
                time(text(state, "StartedAt")),
                time(text(state, "FinishedAt")));
        Map<String, List<DockerContainer.PortBinding>> ports = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = settings.path("Ports").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> port = it.next();
            List<DockerContainer.PortBinding> bindings = new ArrayList<>();
            for (JsonNode b : port.getValue()) {
                bindings.add(new DockerContainer.PortBinding(text(b, "HostIp"), text(b, "HostPort")));
            }
            ports.put(port.getKey(), bindings);
        }
        Map<String, String> networks = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        settings.path("Networks").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> network = it.next();
            networks.put(network.getKey(), text(network.getValue(), "IPAddress"));
        }
        List<String> secondary = new ArrayList<>();
        for (JsonNode ip : settings.path("SecondaryIPAddresses")) {
            // Docker's old API had {"Addr":..,"PrefixLen":..} objects here
            String addr = ip.isTextual() ? ip.asText() : text(ip, "Addr");
            if (!addr.isEmpty()) {
                secondary.add(addr);
            }
        }
        String name = text(c, "Name");
        String path = text(c, "Path");
        List<String> args = strings(c.path("Args"));
        if (isInit(path) && !args.isEmpty() && args.get(0).equals("--") && args.size() > 1) {
            // podman with an init reports "/run/podman-init -- <command>"; Docker reports the command
            path = args.get(1);
            args = args.subList(2, args.size());
        }
        return new DockerContainer(
                text(c, "Id"),
                name.startsWith("/") ? name.substring(1) : name,
                time(text(c, "Created")),
                path,
                args,
                trimImageId(text(c, "Image")),
                text(config, "Image"),
                text(config, "Hostname"),
                text(config, "Domainname"),
                config.path("Tty").asBoolean(false),
                strings(config.path("Env")),
                stringMap(config.path("Labels")),
                parsedState,
                c.path("RestartCount").asInt(0),
                text(c.path("HostConfig"), "NetworkMode"),
                new DockerContainer.NetworkSettings(text(settings, "IPAddress"), secondary, ports, networks));
    }

    /** {@code GET /images/json}. */
    static List<DockerImage> images(JsonNode list) {
        List<DockerImage> images = new ArrayList<>();
        for (JsonNode i : list) {
            long size = i.path("Size").asLong(0);
            images.add(new DockerImage(
                    trimImageId(text(i, "Id")),
                    strings(i.path("RepoTags")),
                    size,
                    i.has("VirtualSize") ? i.path("VirtualSize").asLong(0) : size,
                    stringMap(i.path("Labels"))));
        }
        return images;
    }

    /** {@code GET /networks}. */
    static List<DockerNetwork> networks(JsonNode list) {
        List<DockerNetwork> networks = new ArrayList<>();
        for (JsonNode n : list) {
            List<String> subnets = new ArrayList<>();
            for (JsonNode config : n.path("IPAM").path("Config")) {
                String subnet = text(config, "Subnet");
                if (!subnet.isEmpty()) {
                    subnets.add(subnet);
                }
            }
            networks.add(new DockerNetwork(text(n, "Name"), text(n, "Driver"), subnets));
        }
        return networks;
    }

    /**
     * One stats document. Memory: Docker on cgroup v1 reports the page cache as
     * {@code stats.cache}, on v2 as {@code stats.inactive_file}; podman reports neither.
     */
    static StatsSample stats(JsonNode s) {
        JsonNode memory = s.path("memory_stats");
        JsonNode memoryStats = memory.path("stats");
        long cache = memoryStats.has("cache")
                ? memoryStats.path("cache").asLong(0)
                : memoryStats.path("inactive_file").asLong(0);
        JsonNode cpu = s.path("cpu_stats");
        return new StatsSample(
                time(text(s, "read")),
                cpu.path("cpu_usage").path("total_usage").asLong(0),
                cpu.path("system_cpu_usage").asLong(0),
                memory.path("usage").asLong(0),
                cache,
                memory.path("limit").asLong(0));
    }

    /** One event; Docker's {@code Action} and {@code Actor}, with the pre-1.22 fields as fallbacks. */
    static EngineEvent event(JsonNode e) {
        String type = text(e, "Type");
        String action = text(e, "Action");
        if (action.isEmpty()) {
            action = text(e, "status");
        }
        JsonNode actor = e.path("Actor");
        String id = text(actor, "ID");
        if (id.isEmpty()) {
            id = text(e, "id");
        }
        if (type.isEmpty()) {
            type = "container";
        }
        return new EngineEvent(type, action, id, stringMap(actor.path("Attributes")));
    }

    /** The error message of a non-2xx answer ({@code {"message":"..."}}), or the body as text. */
    static String errorMessage(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node != null && node.hasNonNull("message")) {
                return node.get("message").asText();
            }
        } catch (IOException e) {
            // not JSON
        }
        return new String(body, java.nio.charset.StandardCharsets.UTF_8).trim();
    }

    private static boolean isInit(String path) {
        String base = path.substring(path.lastIndexOf('/') + 1);
        return base.equals("podman-init") || base.equals("catatonit") || base.equals("docker-init");
    }

    static String trimImageId(String id) {
        return id.startsWith("sha256:") ? id.substring("sha256:".length()) : id;
    }

    /** RFC 3339 with any fraction and offset; "" or unparsable is the zero time. */
    static Instant time(String text) {
        if (text.isEmpty()) {
            return GoTime.ZERO;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            return GoTime.ZERO;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> result = new ArrayList<>();
        for (JsonNode item : array) {
            if (!item.isNull()) {
                result.add(item.asText());
            }
        }
        return result;
    }

    private static Map<String, String> stringMap(JsonNode object) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isNull()) {
                result.put(entry.getKey(), entry.getValue().asText());
            }
        }
        return result;
    }
}
