package io.scopecloud.query.detail;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One message of the topology websocket: what changed since the previous one. Empty lists are
 * {@code null}, as in Scope; {@code reset} only in the first message.
 */
@JsonPropertyOrder({"add", "update", "remove", "reset"})
public record TopologyDiff(
        @JsonProperty("add") @JsonInclude(Include.ALWAYS) @Nullable List<NodeSummary> add,
        @JsonProperty("update") @JsonInclude(Include.ALWAYS) @Nullable List<NodeSummary> update,
        @JsonProperty("remove") @JsonInclude(Include.ALWAYS) @Nullable List<String> remove,
        @JsonProperty("reset") @JsonInclude(Include.NON_DEFAULT) boolean reset) {

    /** The diff from {@code a} to {@code b}; a null {@code a} means "first message". */
    public static TopologyDiff between(@Nullable Map<String, NodeSummary> a, Map<String, NodeSummary> b) {
        List<NodeSummary> add = new ArrayList<>();
        List<NodeSummary> update = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        Map<String, NodeSummary> before = a == null ? Map.of() : a;
        b.forEach((id, node) -> {
            NodeSummary old = before.get(id);
            if (old == null) {
                add.add(node);
            } else if (!old.equals(node)) {
                update.add(node);
            }
        });
        before.keySet().forEach(id -> {
            if (!b.containsKey(id)) {
                remove.add(id);
            }
        });
        add.sort(Comparator.comparing(NodeSummary::id));
        update.sort(Comparator.comparing(NodeSummary::id));
        remove.sort(Comparator.naturalOrder());
        return new TopologyDiff(
                add.isEmpty() ? null : add,
                update.isEmpty() ? null : update,
                remove.isEmpty() ? null : remove,
                a == null);
    }

    @JsonIgnore // not a field of Scope's message
    public boolean isEmpty() {
        return add == null && update == null && remove == null && !reset;
    }
}
