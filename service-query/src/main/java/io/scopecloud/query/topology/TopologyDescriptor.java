package io.scopecloud.query.topology;

import static java.util.Objects.requireNonNull;

import io.scopecloud.query.render.Renderer;
import java.util.List;

/** One view of the registry: its id, its place in the menu, its renderer and options. */
public record TopologyDescriptor(
        String id,
        String parent,
        Renderer renderer,
        String name,
        int rank,
        boolean hideIfEmpty,
        List<OptionGroup> options) {
    public TopologyDescriptor {
        requireNonNull(id, "id is null");
        requireNonNull(parent, "parent is null");
        requireNonNull(renderer, "renderer is null");
        requireNonNull(name, "name is null");
        options = List.copyOf(options);
    }

    public String url() {
        return "/api/topology/" + id;
    }

    TopologyDescriptor withOptions(List<OptionGroup> newOptions) {
        return new TopologyDescriptor(id, parent, renderer, name, rank, hideIfEmpty, newOptions);
    }
}
