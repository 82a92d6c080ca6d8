package io.scopecloud.query.app;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scopecloud.common.web.JerseyHeaderRules;
import io.scopecloud.query.render.RenderContext;
import io.scopecloud.query.window.OrgSnapshot;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * JSON answers encoded once per snapshot and request, and gzipped once, then shared by every viewer of that snapshot:
 * a hundred people watching one org's map cost one render, one encoding and one compression per merge. The bytes live
 * in the snapshot's memo and go with it.
 */
final class SharedJson {
    /** Below this, gzip costs more than it saves (Jetty's own threshold). */
    private static final int MIN_GZIP = 256;

    /** How many distinct requests {@link #known} remembers; past that it starts again (they are re-learnt). */
    private static final int MAX_KNOWN = 4096;

    private final ObjectMapper json;
    private final Map<Key, Known> known = new ConcurrentHashMap<>();

    SharedJson(ObjectMapper json) {
        this.json = requireNonNull(json, "json is null");
    }

    Response answer(
            OrgSnapshot snapshot,
            UriInfo uri,
            HttpHeaders headers,
            UUID org,
            String route,
            Function<OrgSnapshot, Object> body) {
        URI request = uri.getRequestUri();
        String path = request.getRawPath();
        String query = request.getRawQuery();
        Answer answer = answer(snapshot, path, query, headers.getHeaderString(HttpHeaders.ACCEPT_ENCODING), body);
        if (query == null || !query.contains("timestamp")) {
            // answered in full once (credentials, options, node): the same request may take the fast path now
            if (known.size() >= MAX_KNOWN) {
                known.clear();
            }
            known.computeIfAbsent(new Key(path, query), k -> new Known(org, route, body))
                    .used(answer.gzipped());
        }
        Response.ResponseBuilder response = Response.ok(answer.body(), MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        return answer.gzipped()
                ? response.header(HttpHeaders.CONTENT_ENCODING, "gzip").build()
                : response.build();
    }

    /** Whether the request's bytes for {@code snapshot} are computed, being computed, or not at all. */
    RenderContext.Memo memo(OrgSnapshot snapshot, String path, @Nullable String query) {
        return snapshot.context().memo(new Key(path, query));
    }

    /** The bytes to send for a request: the snapshot's shared encoding, gzipped when the caller accepts it. */
    Answer answer(
            OrgSnapshot snapshot,
            String path,
            @Nullable String query,
            @Nullable String acceptEncoding,
            Function<OrgSnapshot, Object> body) {
        Encoded encoded =
                snapshot.context().memoise(new Key(path, query), () -> new Encoded(encode(body.apply(snapshot))));
        if (encoded.length() >= MIN_GZIP && acceptsGzip(acceptEncoding)) {
            return new Answer(encoded.gzipped(), true);
        }
        return new Answer(encoded.plain(), false);
    }

    /**
     * A request (raw path and query) that the full path has answered, with what computes its body from a snapshot and
     * the route it was served by (the metrics' {@code uri}); null when the full path has not answered it yet.
     */
    @Nullable
    Known known(String path, @Nullable String query) {
        return known.get(new Key(path, query));
    }

    /** The requests of {@code org} asked since {@code sinceNanos} ({@link System#nanoTime}), with their keys. */
    void forEachRecent(UUID org, long sinceNanos, java.util.function.BiConsumer<Key, Known> action) {
        known.forEach((key, k) -> {
            if (k.org.equals(org) && k.cadence.askedSince(sinceNanos)) {
                action.accept(key, k);
            }
        });
    }

    /** What {@link #known} remembers of a request: its org, route and body, and when and how often it is asked. */
    static final class Known {
        private final UUID org;
        private final String route;
        private final Function<OrgSnapshot, Object> body;
        private final ReadCadence cadence = new ReadCadence();
        private volatile boolean gzipWanted;

        Known(UUID org, String route, Function<OrgSnapshot, Object> body) {
            this.org = org;
            this.route = route;
            this.body = body;
        }

        String route() {
            return route;
        }

        Function<OrgSnapshot, Object> body() {
            return body;
        }

        boolean gzipWanted() {
            return gzipWanted;
        }

        /** Whether its next ask is expected within {@code leadNanos} of now, or overdue ({@link ReadCadence}). */
        boolean dueWithin(long leadNanos) {
            return cadence.dueWithin(System.nanoTime(), leadNanos);
        }

        void used(boolean gzipped) {
            cadence.asked(System.nanoTime());
            if (gzipped) {
                gzipWanted = true;
            }
        }
    }

    /** What to send: {@code body}, gzipped or not. */
    record Answer(byte[] body, boolean gzipped) {}

    /** {@code entity} as JSON; bytes are taken as JSON already encoded (e.g. Scope's report codec's). */
    private byte[] encode(Object entity) {
        if (entity instanceof byte[] encoded) {
            return encoded;
        }
        try {
            return json.writeValueAsBytes(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + entity.getClass().getSimpleName(), e);
        }
    }

    /** True when {@code Accept-Encoding} lists gzip (or {@code *}) without {@code q=0}. */
    static boolean acceptsGzip(@Nullable String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] params = part.split(";");
            String coding = params[0].strip().toLowerCase(Locale.ROOT);
            if (coding.equals("gzip") || coding.equals("x-gzip") || coding.equals("*")) {
                return !refused(params);
            }
        }
        return false;
    }

    private static boolean refused(String[] params) {
        for (int i = 1; i < params.length; i++) {
            if (JerseyHeaderRules.refuses(params[i].strip())) {
                return true;
            }
        }
        return false;
    }

    /** A request's place in a snapshot's memo: the same path and query get the same bytes. */
    record Key(String path, @Nullable String query) {}

    /**
     * A request's JSON for one snapshot: the plain bytes until they are gzipped, then the gzipped ones only (a tenth of
     * the size, and what browsers ask for), the plain ones inflated again for a reader that wants them and held weakly.
     * Kept both ways, every snapshot's answers held their full JSON too, which each young collection copied while the
     * snapshot was current: in an org of 10,000 nodes, megabytes per view.
     */
    private static final class Encoded {
        private final int length;
        private byte @Nullable [] plain;
        private byte @Nullable [] gzipped;
        private WeakReference<byte[]> inflated = new WeakReference<>(null);

        Encoded(byte[] plain) {
            this.plain = plain;
            this.length = plain.length;
        }

        int length() {
            return length;
        }

        synchronized byte[] plain() {
            if (plain != null) {
                return plain;
            }
            byte[] again = inflated.get();
            if (again == null) {
                again = gunzip(requireNonNull(gzipped, "neither plain nor gzipped"));
                inflated = new WeakReference<>(again);
            }
            return again;
        }

        synchronized byte[] gzipped() {
            if (gzipped == null) {
                byte[] from = requireNonNull(plain, "neither plain nor gzipped");
                ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(from.length / 4 + 64, 64 * 1024));
                try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                    gz.write(from);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                gzipped = out.toByteArray();
                plain = null;
            }
            return gzipped;
        }

        private byte[] gunzip(byte[] from) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(from))) {
                byte[] out = in.readNBytes(length);
                if (out.length != length) {
                    throw new IllegalStateException("gzipped answer inflated to " + out.length + " of " + length);
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
