package io.scopecloud.probe.plugins;

import static java.util.Objects.requireNonNull;

import io.scopecloud.probe.ReportSource;
import io.scopecloud.probe.control.ControlHandler;
import io.scopecloud.probe.control.ControlRegistry;
import io.scopecloud.probe.control.ControlRequest;
import io.scopecloud.probe.control.ControlResponse;
import io.scopecloud.report.Report;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins under the plugins root (scope-contract §5). {@link #scan()} (every 5 s) adds a
 * plugin for each new socket and drops those whose socket is gone, deregistering their controls.
 * {@link #report()} (every spy tick) polls them one after another in socket-path order and merges
 * their reports; a controller plugin's controls are renamed {@code <pluginID>~<control>} and
 * registered with the {@link ControlRegistry}, whose handler strips the prefix, calls the plugin
 * and publishes any shortcut report it returns at once.
 *
 * <p>Thread-safe: scans, polls and control calls may come from different threads.
 */
public final class PluginRegistry implements ReportSource {
    private static final Logger log = LoggerFactory.getLogger(PluginRegistry.class);

    private final Path root;
    private final String probeId;
    private final UnixHttpClient client;
    private final ReportParser parser;
    private final ControlRegistry controls;
    private final ShortcutPublisher publisher;
    private final Object lock = new Object();
    private Map<Path, Plugin> bySocket = new LinkedHashMap<>();
    private Map<String, Plugin> byId = new HashMap<>();
    private final Map<String, Set<String>> controlsByPlugin = new HashMap<>();
    private final Set<Path> invalidLogged = new HashSet<>();
    private boolean rootMissingLogged;

    public PluginRegistry(
            Path root,
            String probeId,
            UnixHttpClient client,
            ReportParser parser,
            ControlRegistry controls,
            ShortcutPublisher publisher) {
        this.root = requireNonNull(root, "root is null");
        this.probeId = requireNonNull(probeId, "probeId is null");
        this.client = requireNonNull(client, "client is null");
        this.parser = requireNonNull(parser, "parser is null");
        this.controls = requireNonNull(controls, "controls is null");
        this.publisher = requireNonNull(publisher, "publisher is null");
    }

    @Override
    public String name() {
        return "Plugins";
    }

    /** Looks for sockets again: new ones become plugins, vanished ones are closed. */
    public void scan() {
        List<Path> sockets;
        try {
            sockets = PluginSockets.find(root);
        } catch (IOException e) {
            if (!rootMissingLogged) {
                log.warn("plugins: cannot scan {}: {}", root, e.toString());
                rootMissingLogged = true;
            }
            sockets = List.of();
        }
        synchronized (lock) {
            Map<Path, Plugin> nextBySocket = new LinkedHashMap<>();
            Map<String, Plugin> nextById = new HashMap<>();
            for (Path socket : sockets) {
                Plugin plugin = bySocket.get(socket);
                if (plugin == null) {
                    Optional<String> id = PluginSockets.pluginId(socket);
                    if (id.isEmpty()) {
                        if (invalidLogged.add(socket)) {
                            log.warn("plugins: skipping {}: invalid plugin id", socket);
                        }
                        continue;
                    }
                    if (nextById.containsKey(id.get())) {
                        log.warn("plugins: skipping {}: plugin id {} is already in use", socket, id.get());
                        continue;
                    }
                    plugin = new Plugin(id.get(), socket, probeId, client, parser);
                    log.info("plugins: added plugin {} ({})", plugin.id(), socket);
                }
                nextBySocket.put(socket, plugin);
                nextById.put(plugin.id(), plugin);
            }
            for (Map.Entry<Path, Plugin> old : bySocket.entrySet()) {
                if (!nextBySocket.containsKey(old.getKey())) {
                    log.info("plugins: removed plugin {} ({})", old.getValue().id(), old.getKey());
                    updateControls(old.getValue().id(), Set.of());
                }
            }
            bySocket = nextBySocket;
            byId = nextById;
        }
    }

    /** Polls every plugin once, in socket-path order, and merges their reports. */
    @Override
    public Report report() {
        List<Plugin> plugins;
        synchronized (lock) {
            plugins = new ArrayList<>(bySocket.values());
        }
        plugins.sort((a, b) -> a.socket().compareTo(b.socket()));
        Report merged = Report.empty();
        for (Plugin plugin : plugins) {
            Report report = plugin.report();
            String status = plugin.spec().status();
            if (!status.equals("ok")) {
                log.debug("plugins: {}: /report {}", plugin.id(), status);
            }
            merged = merged.merge(prepare(plugin, report, true));
        }
        return merged;
    }

    /** The plugins known now, by socket path. */
    public List<Plugin> plugins() {
        synchronized (lock) {
            return List.copyOf(bySocket.values());
        }
    }

    /**
     * Renames and registers a controller plugin's controls; others' reports pass unchanged. A polled
     * report's controls replace the registered set; a shortcut report's only add to it, since it
     * may describe just the one node the control changed.
     */
    private Report prepare(Plugin plugin, Report report, boolean replace) {
        if (!plugin.implementsInterface("controller")) {
            synchronized (lock) {
                updateControls(plugin.id(), Set.of());
            }
            return report;
        }
        PluginControlNames.Renamed renamed = PluginControlNames.rename(report, plugin.id());
        synchronized (lock) {
            if (byId.get(plugin.id()) == plugin) { // not removed meanwhile
                Set<String> next = new HashSet<>(renamed.controls());
                if (!replace) {
                    next.addAll(controlsByPlugin.getOrDefault(plugin.id(), Set.of()));
                }
                updateControls(plugin.id(), next);
            }
        }
        return renamed.report();
    }

    /** Swaps the plugin's registered controls for {@code newControls}; call with the lock held. */
    private void updateControls(String pluginId, Set<String> newControls) {
        Set<String> old = controlsByPlugin.getOrDefault(pluginId, Set.of());
        if (old.equals(newControls)) {
            return;
        }
        List<String> toRemove = new ArrayList<>();
        for (String control : old) {
            toRemove.add(PluginControlNames.prefixed(pluginId, control));
        }
        Map<String, ControlHandler> toAdd = new HashMap<>();
        for (String control : newControls) {
            toAdd.put(PluginControlNames.prefixed(pluginId, control), this::handleControl);
        }
        controls.replace(toRemove, toAdd);
        if (newControls.isEmpty()) {
            controlsByPlugin.remove(pluginId);
        } else {
            controlsByPlugin.put(pluginId, new HashSet<>(newControls));
        }
    }

    /** The handler registered for every renamed plugin control. */
    ControlResponse handleControl(ControlRequest request) {
        String[] parts = PluginControlNames.split(request.control());
        Plugin plugin;
        synchronized (lock) {
            plugin = byId.get(parts[0]);
        }
        if (plugin == null) {
            return ControlResponse.error("plugin " + parts[0] + " not found");
        }
        PluginResponse answer = plugin.control(request.withControl(parts[1]));
        answer.shortcutReport().ifPresent(shortcut -> {
            Report prepared = prepare(plugin, shortcut, false).withShortcut(true);
            publisher.publishShortcut(prepared);
        });
        return answer.response();
    }
}
