package io.scopecloud.probe.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A real HTTP server on loopback standing in for the kubelet's read-only port. */
class KubeletPodsTest {
    /** The shape of the kubelet's /pods/ answer (a v1 PodList), trimmed. */
    static final String TWO_PODS =
            """
            {"kind":"PodList","apiVersion":"v1","metadata":{},"items":[
              {"metadata":{"name":"api-ssvdbq8xhc-b974r","namespace":"shop","uid":"c2d66489-d4d5-5339-b39c-284e8a1148c6"},
               "spec":{"nodeName":"vm"}},
              {"metadata":{"name":"kube-proxy-x","namespace":"kube-system","uid":"0b1d2c3e-0000-4000-8000-000000000001"}}
            ]}""";

    private HttpServer kubelet;
    private final List<String> paths = new CopyOnWriteArrayList<>();

    static HttpServer kubelet(int status, String body, List<String> paths) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }

    @AfterEach
    void stop() {
        if (kubelet != null) {
            kubelet.stop(0);
        }
    }

    @Test
    void asksTheKubeletsPodsPathAndReturnsTheUids() throws IOException {
        kubelet = kubelet(200, TWO_PODS, paths);

        assertThat(new KubeletPods(kubelet.getAddress().getPort()).uids()).hasValueSatisfying(uids -> assertThat(uids)
                .containsExactlyInAnyOrder(
                        "c2d66489-d4d5-5339-b39c-284e8a1148c6", "0b1d2c3e-0000-4000-8000-000000000001"));
        assertThat(paths).containsExactly("/pods/");
    }

    @Test
    void anErrorAnswerMeansEveryPod() throws IOException {
        kubelet = kubelet(401, "Unauthorized", paths);

        assertThat(new KubeletPods(kubelet.getAddress().getPort()).uids()).isEmpty();
    }

    @Test
    void noKubeletMeansEveryPodAndItIsAskedAgainLater() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        KubeletPods pods = new KubeletPods(URI.create("http://127.0.0.1:" + port + "/pods/"));
        assertThat(pods.uids()).isEmpty();

        kubelet = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        kubelet.createContext("/", exchange -> {
            byte[] bytes = TWO_PODS.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        kubelet.start();
        assertThat(pods.uids()).hasValueSatisfying(uids -> assertThat(uids).hasSize(2));
    }
}
