package io.scopecloud.probe.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.probe.control.ControlRegistry;
import io.scopecloud.probe.control.ControlRequest;
import io.scopecloud.probe.control.ControlResponse;
import io.scopecloud.probe.testing.Fixtures;
import io.scopecloud.report.Report;
import io.scopecloud.report.TopologyType;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginRegistryTest {
    private static final String IOWAIT = new String(Fixtures.bytes("iowait_report.json"), StandardCharsets.UTF_8);
    private static final String AFTER =
            new String(Fixtures.bytes("iowait_report_after_switchToIOWait.json"), StandardCharsets.UTF_8);

    @TempDir
    Path root;

    private final List<ServerSocketChannel> sockets = new ArrayList<>();
    private final List<Report> shortcuts = new ArrayList<>();
    private final ControlRegistry controls = new ControlRegistry();

    @AfterEach
    void closeSockets() throws IOException {
        for (ServerSocketChannel s : sockets) {
            s.close();
        }
    }

    private Path socket(String relative) throws IOException {
        Path path = root.resolve(relative);
        Files.createDirectories(path.getParent());
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        channel.bind(UnixDomainSocketAddress.of(path));
        sockets.add(channel);
        return path;
    }

    private PluginRegistry registry(FakeUnixHttpClient client) {
        return new PluginRegistry(root, "60a4c0caa413a3ff", client, new JsonReportParser(), controls, shortcuts::add);
    }

    @Test
    void findsSocketsRecursivelyAndSkipsInvalidIdsAndOtherFiles() throws IOException {
        socket("iowait/iowait.sock");
        socket("zz/http-requests.sock");
        socket("bad_name.sock");
        Files.writeString(root.resolve("notasocket.sock"), "");

        PluginRegistry registry = registry(new FakeUnixHttpClient());
        registry.scan();

        assertThat(registry.plugins()).extracting(Plugin::id).containsExactly("iowait", "http-requests");
    }

    @Test
    void renamesAndRegistersAControllersControls() throws IOException {
        socket("iowait/iowait.sock");
        PluginRegistry registry = registry(new FakeUnixHttpClient().answer(200, IOWAIT));
        registry.scan();

        Report report = registry.report();

        assertThat(report.plugins()).singleElement().satisfies(spec -> assertThat(spec.status())
                .isEqualTo("ok"));
        assertThat(report.topology(TopologyType.HOST).controls().keySet())
                .containsExactlyInAnyOrder("iowait~switchToIOWait", "iowait~switchToIdle");
        assertThat(controls.contains("iowait~switchToIOWait")).isTrue();
        assertThat(controls.contains("iowait~switchToIdle")).isTrue();
    }

    @Test
    void forwardsControlsAndPublishesTheShortcutReportAtOnce() throws IOException {
        socket("iowait/iowait.sock");
        FakeUnixHttpClient client = new FakeUnixHttpClient()
                .answer(200, IOWAIT)
                .answer(200, "{\"shortcutReport\":" + AFTER + "}")
                .answer(200, IOWAIT);
        PluginRegistry registry = registry(client);
        registry.scan();
        registry.report();

        ControlResponse response =
                controls.handle(new ControlRequest("app", "vm;<host>", "iowait~switchToIOWait", null));

        assertThat(response.isError()).isFalse();
        assertThat(new String(client.calls.get(1).request().body(), StandardCharsets.UTF_8))
                .contains("\"Control\":\"switchToIOWait\"");
        assertThat(shortcuts).singleElement().satisfies(shortcut -> {
            assertThat(shortcut.shortcut()).isTrue();
            assertThat(shortcut.topology(TopologyType.HOST).controls().keySet())
                    .containsExactlyInAnyOrder("iowait~switchToIOWait", "iowait~switchToIdle");
            assertThat(shortcut.topology(TopologyType.HOST)
                            .nodes()
                            .get("vm;<host>")
                            .latestValue("active_controls"))
                    .contains("iowait~switchToIdle");
        });
    }

    @Test
    void dropsAPluginAndItsControlsWhenItsSocketGoes() throws IOException {
        Path path = socket("iowait/iowait.sock");
        PluginRegistry registry = registry(new FakeUnixHttpClient().answer(200, IOWAIT));
        registry.scan();
        registry.report();

        sockets.remove(0).close();
        Files.deleteIfExists(path);
        registry.scan();

        assertThat(registry.plugins()).isEmpty();
        assertThat(registry.report().plugins()).isEmpty();
        assertThat(controls.handle(new ControlRequest("", "n", "iowait~switchToIOWait", null))
                        .error())
                .isEqualTo("Control \"iowait~switchToIOWait\" not recognised");
    }

    @Test
    void deregistersControlsWhileAPluginFails() throws IOException {
        socket("iowait/iowait.sock");
        PluginRegistry registry =
                registry(new FakeUnixHttpClient().answer(200, IOWAIT).answer(500, "boom"));
        registry.scan();
        registry.report();
        assertThat(controls.contains("iowait~switchToIOWait")).isTrue();

        Report failed = registry.report();

        assertThat(failed.plugins().get(0).status()).startsWith("error: plugin returned non-200 status code");
        assertThat(controls.contains("iowait~switchToIOWait")).isFalse();
    }

    @Test
    void answersForAPluginThatIsGone() {
        PluginRegistry registry = registry(new FakeUnixHttpClient());
        assertThat(registry.handleControl(new ControlRequest("", "n", "ghost~x", null))
                        .error())
                .isEqualTo("plugin ghost not found");
    }
}
