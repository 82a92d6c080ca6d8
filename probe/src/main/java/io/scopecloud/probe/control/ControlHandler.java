package io.scopecloud.probe.control;

/** Runs one control. Implementations answer failures with {@link ControlResponse#error}, never throw. */
@FunctionalInterface
public interface ControlHandler {
    ControlResponse handle(ControlRequest request);
}
