package io.scopecloud.probe.docker;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One line of {@code GET /events}.
 *
 * @param type {@code container}, {@code image}, {@code network}...
 * @param action Docker's {@code Action} (falls back to the legacy {@code status})
 * @param id the actor's id (a container id for container events)
 * @param attributes the actor's attributes (for network events, {@code container} is the container id)
 */
public record EngineEvent(String type, String action, String id, Map<String, String> attributes) {
    public EngineEvent {
        requireNonNull(type, "type is null");
        requireNonNull(action, "action is null");
        requireNonNull(id, "id is null");
        attributes = Map.copyOf(attributes);
    }
}
