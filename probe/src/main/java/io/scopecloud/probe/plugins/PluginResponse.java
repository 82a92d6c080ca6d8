package io.scopecloud.probe.plugins;

import io.scopecloud.probe.control.ControlResponse;
import io.scopecloud.report.Report;
import java.util.Optional;

/** A plugin's answer to {@code POST /control}: a control response plus an optional shortcut report. */
public record PluginResponse(ControlResponse response, Optional<Report> shortcutReport) {

    public static PluginResponse error(String message) {
        return new PluginResponse(ControlResponse.error(message), Optional.empty());
    }
}
