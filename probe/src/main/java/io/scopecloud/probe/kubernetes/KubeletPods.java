package io.scopecloud.probe.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uids of the pods this node's kubelet runs, from its read-only port
 * ({@code GET http://127.0.0.1:<--probe.kubernetes.kubelet-port>/pods/}), as Scope 1.13's
 * {@code ""} role asks when it does not know its node's name (probe/kubernetes/kubelet.go): only
 * those pods are reported. Asked once per publish (the kubelet has no watch); when it cannot be
 * asked, all pods are reported, as Scope does, and that is logged once until it answers again.
 */
public final class KubeletPods {
    private static final Logger log = LoggerFactory.getLogger(KubeletPods.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final HttpClient http;
    private final URI pods;
    private boolean failing;

    public KubeletPods(int port) {
        this(URI.create("http://127.0.0.1:" + port + "/pods/"));
    }

    KubeletPods(URI pods) {
        this.pods = pods;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    /** The local pods' uids; empty when the kubelet cannot be asked (then every pod is reported). */
    public synchronized Optional<Set<String>> uids() {
        try {
            HttpResponse<InputStream> response = http.send(
                    HttpRequest.newBuilder(pods).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    return failed("it answered HTTP " + response.statusCode());
                }
                Set<String> uids = new HashSet<>();
                for (JsonNode item : JSON.readTree(body).path("items")) {
                    String uid = item.path("metadata").path("uid").asText("");
                    if (!uid.isEmpty()) {
                        uids.add(uid);
                    }
                }
                if (failing) {
                    log.info("Kubernetes: the kubelet at {} answers again; reporting its pods only", pods);
                    failing = false;
                }
                return Optional.of(Set.copyOf(uids));
            }
        } catch (IOException e) {
            return failed(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private Optional<Set<String>> failed(String why) {
        if (!failing) {
            log.warn(
                    "Kubernetes: no node name and cannot ask the kubelet at {} for this node's pods ({}); reporting"
                            + " every pod. Set --probe.kubernetes.node-name (or $KUBERNETES_NODENAME) or"
                            + " --probe.kubernetes.kubelet-port",
                    pods,
                    why);
            failing = true;
        }
        return Optional.empty();
    }
}
