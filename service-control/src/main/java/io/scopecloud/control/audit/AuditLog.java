package io.scopecloud.control.audit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Records every control invocation ({@link AuditWriter}) and lists an org's entries. */
public final class AuditLog {
    private static final TypeReference<Map<String, String>> ARGS = new TypeReference<>() {};

    private final AuditWriter writer;
    private final AuditDao dao;
    private final ObjectMapper json;

    public AuditLog(AuditWriter writer, AuditDao dao, ObjectMapper json) {
        this.writer = requireNonNull(writer, "writer is null");
        this.dao = requireNonNull(dao, "dao is null");
        this.json = requireNonNull(json, "json is null");
    }

    public void record(AuditEntry entry) {
        writer.write(entry);
    }

    /** Up to {@code limit} entries of the org older than entry {@code before}, newest first. */
    public List<AuditView> list(UUID orgId, long before, int limit) {
        return dao.list(orgId, before, limit).stream().map(this::view).toList();
    }

    private AuditView view(AuditRow row) {
        return new AuditView(
                row.number(),
                row.at().toString(),
                row.actor(),
                row.userId(),
                row.probeId(),
                row.nodeId(),
                row.control(),
                args(row.args()),
                row.outcome(),
                row.error(),
                row.durationMs());
    }

    private @Nullable Map<String, String> args(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, ARGS);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
