package io.scopecloud.query.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scopecloud.query.Collected;
import io.scopecloud.query.window.OrgSnapshot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class SharedJsonTest {
    private final SharedJson json = new SharedJson(new ObjectMapper());
    private final AtomicInteger renders = new AtomicInteger();
    private final Function<OrgSnapshot, Object> view = s -> {
        renders.incrementAndGet();
        return Map.of("nodes", "x".repeat(1000));
    };

    @Test
    void encodesOncePerSnapshotAndRequestAndSharesTheBytes() {
        OrgSnapshot snapshot = OrgSnapshot.empty(Instant.now());

        SharedJson.Answer first = json.answer(snapshot, "/api/app/o/api/topology/hosts", null, null, view);
        SharedJson.Answer second = json.answer(snapshot, "/api/app/o/api/topology/hosts", null, null, view);
        json.answer(snapshot, "/api/app/o/api/topology/hosts", "stale=true", null, view);
        json.answer(OrgSnapshot.empty(Instant.now()), "/api/app/o/api/topology/hosts", null, null, view);

        assertThat(second.body()).isSameAs(first.body());
        assertThat(renders).as("another query, another snapshot: encoded again").hasValue(3);
    }

    @Test
    void gzipsOnceWhenAcceptedAndLargeEnough() throws IOException {
        OrgSnapshot snapshot = OrgSnapshot.empty(Instant.now());

        SharedJson.Answer gzipped = json.answer(snapshot, "/p", null, "gzip", view);
        SharedJson.Answer again = json.answer(snapshot, "/p", null, "gzip, br", view);
        SharedJson.Answer plain = json.answer(snapshot, "/p", null, null, view);
        SharedJson.Answer small = json.answer(snapshot, "/small", null, "gzip", s -> Map.of("k", "v"));

        assertThat(gzipped.gzipped()).isTrue();
        assertThat(again.body()).isSameAs(gzipped.body());
        assertThat(plain.gzipped()).isFalse();
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain.body());
        }
        assertThat(small.gzipped()).as("below 256 bytes").isFalse();
        assertThat(renders).hasValue(1);
    }

    @Test
    void onceGzippedTheSnapshotHoldsOnlyTheGzippedBytes() throws Exception {
        OrgSnapshot snapshot = OrgSnapshot.empty(Instant.now());
        byte[] first = json.answer(snapshot, "/p", null, null, view).body();
        byte[] expected = first.clone();
        WeakReference<byte[]> plain = new WeakReference<>(first);
        first = null;

        SharedJson.Answer gzipped = json.answer(snapshot, "/p", null, "gzip", view);
        Collected.await(plain);

        assertThat(plain.get()).as("the plain bytes are let go once gzipped").isNull();
        SharedJson.Answer again = json.answer(snapshot, "/p", null, null, view);
        assertThat(again.gzipped()).isFalse();
        assertThat(again.body()).as("inflated from the gzipped bytes").isEqualTo(expected);
        assertThat(json.answer(snapshot, "/p", null, "gzip", view).body()).isSameAs(gzipped.body());
        assertThat(renders).as("never rendered again").hasValue(1);
    }

    @Test
    void acceptsGzipWhenListedWithoutQZero() {
        assertThat(SharedJson.acceptsGzip("gzip, deflate, br")).isTrue();
        assertThat(SharedJson.acceptsGzip("br;q=1.0, gzip;q=0.8")).isTrue();
        assertThat(SharedJson.acceptsGzip("*")).isTrue();
        assertThat(SharedJson.acceptsGzip("GZIP")).isTrue();
    }

    @Test
    void refusesGzipWhenAbsentOrQZero() {
        assertThat(SharedJson.acceptsGzip(null)).isFalse();
        assertThat(SharedJson.acceptsGzip("identity")).isFalse();
        assertThat(SharedJson.acceptsGzip("br, deflate")).isFalse();
        assertThat(SharedJson.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(SharedJson.acceptsGzip("gzip; q=0.0, identity")).isFalse();
        assertThat(SharedJson.acceptsGzip("gzip;q=bogus")).isFalse();
    }
}
