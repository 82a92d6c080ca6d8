package io.scopecloud.probe.docker;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * One entry of {@code GET /images/json}.
 *
 * @param id without the {@code sha256:} prefix
 */
public record DockerImage(String id, List<String> repoTags, long size, long virtualSize, Map<String, String> labels) {
    public DockerImage {
        requireNonNull(id, "id is null");
        repoTags = List.copyOf(repoTags);
        labels = Map.copyOf(labels);
    }
}
