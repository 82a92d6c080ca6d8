package io.scopecloud.probe.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * fabric8's CRUD dispatcher, with two changes for a fixture cluster: an object created with a uid
 * and a creation time keeps them (the mock makes new ones, and Scope's node ids are uids), and
 * canned answers go first for what CRUD mode does not do (discovery of an absent API group, the
 * scale subresource, pod logs).
 */
final class FixtureDispatcher extends KubernetesCrudDispatcher {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Canned(Predicate<RecordedRequest> matches, Function<RecordedRequest, MockResponse> answer) {}

    private final List<Canned> canned = new CopyOnWriteArrayList<>();

    /** Answers matching requests first; returns a handle for {@link #withdraw}. */
    Object answer(Predicate<RecordedRequest> matches, Function<RecordedRequest, MockResponse> answer) {
        Canned c = new Canned(matches, answer);
        canned.add(0, c);
        return c;
    }

    /** Stops giving an answer added by {@link #answer}. */
    void withdraw(Object answer) {
        canned.remove(answer);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        for (Canned c : canned) {
            if (c.matches().test(request)) {
                return c.answer().apply(request);
            }
        }
        return super.dispatch(request);
    }

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
        byte[] sentBytes = request.getBody().getBytes();
        String sentBody = new String(sentBytes, java.nio.charset.StandardCharsets.UTF_8);
        // the CRUD handler consumes the body it reads: it gets a copy, the recorded request keeps its own
        MockResponse response = super.handleCreate(new RecordedRequest(
                request.getHttpVersion(),
                request.method(),
                request.getPath(),
                request.getHeaders(),
                new io.fabric8.mockwebserver.http.Buffer(sentBytes)));
        try {
            JsonNode sent = JSON.readTree(sentBody).path("metadata");
            String uid = sent.path("uid").asText("");
            String created = sent.path("creationTimestamp").asText("");
            if (uid.isEmpty() && created.isEmpty()) {
                return response;
            }
            String name = sent.path("name").asText();
            String namespace = sent.path("namespace").asText("");
            String kind = JSON.readTree(sentBody).path("kind").asText();
            for (Map.Entry<AttributeSet, String> entry : getMap().entrySet()) {
                JsonNode stored = JSON.readTree(entry.getValue());
                JsonNode meta = stored.path("metadata");
                if (stored.path("kind").asText().equals(kind)
                        && meta.path("name").asText().equals(name)
                        && meta.path("namespace").asText("").equals(namespace)) {
                    ObjectNode m = (ObjectNode) meta;
                    if (!uid.isEmpty()) {
                        m.put("uid", uid);
                    }
                    if (!created.isEmpty()) {
                        m.put("creationTimestamp", created);
                    }
                    String fixed = JSON.writeValueAsString(stored);
                    entry.setValue(fixed);
                    return response.setBody(fixed);
                }
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
