package io.scopecloud.control.audit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes audit entries off the request path: one thread drains a bounded queue and writes what
 * has gathered in one transaction (one commit for many calls). After the first entry of a batch it
 * waits {@link #LINGER} for others, so that a steady stream of calls costs one transaction per
 * {@code LINGER} instead of one each (and wakes the writer and PostgreSQL that much less often). When the queue is full the caller writes its entry itself, so
 * entries slow calls down rather than get lost; stopping writes what is gathered and drains the
 * queue first. A batch that fails is retried entry by entry, and an entry that still fails is
 * logged whole.
 */
public final class AuditWriter implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(AuditWriter.class);
    private static final int BATCH = 500;
    /** How long a batch waits for more entries after its first. */
    static final Duration LINGER = Duration.ofMillis(100);

    static final int MAX_ERROR = 2000;

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final BlockingQueue<AuditEntry> queue;
    private final Thread thread;
    private volatile boolean running;
    private final AtomicLong batches = new AtomicLong();

    public AuditWriter(Jdbi jdbi, ObjectMapper json, int capacity) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.json = requireNonNull(json, "json is null");
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "control-audit-writer");
        this.thread.setDaemon(true);
    }

    /** Queues the entry; writes it at once if the queue is full or the writer is not running. */
    public void write(AuditEntry entry) {
        if (!running || !queue.offer(entry)) {
            writeAll(List.of(entry));
        }
    }

    @Override
    public void start() {
        running = true;
        thread.start();
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(10_000);
        List<AuditEntry> rest = new ArrayList<>();
        queue.drainTo(rest);
        if (!rest.isEmpty()) {
            writeAll(rest);
        }
    }

    /** How many batches the writer's thread has written (each one transaction, unless it failed). */
    public long batches() {
        return batches.get();
    }

    private void run() {
        List<AuditEntry> batch = new ArrayList<>(BATCH);
        while (running) {
            try {
                AuditEntry first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                if (queue.size() < BATCH - 1) {
                    Thread.sleep(LINGER.toMillis());
                }
            } catch (InterruptedException e) {
                // stopping: what is gathered is written below, the rest of the queue by stop()
            }
            if (!batch.isEmpty()) {
                queue.drainTo(batch, BATCH - batch.size());
                writeAll(batch);
                batches.incrementAndGet();
                batch.clear();
            }
        }
    }

    /**
     * One transaction and one JDBC batch for all the entries (a SqlObject attached per transaction cost as much CPU as
     * the statements: JDBI builds the DAO's metadata again for every handle).
     */
    private void writeAll(List<AuditEntry> entries) {
        try {
            List<AuditEntry> byOrg = new ArrayList<>(entries);
            byOrg.sort(Comparator.comparing(AuditEntry::orgId));
            jdbi.useTransaction(handle -> {
                PreparedBatch batch = handle.prepareBatch(AuditDao.INSERT);
                for (AuditEntry entry : byOrg) {
                    bind(batch, entry).add();
                }
                batch.execute();
            });
        } catch (RuntimeException e) {
            if (entries.size() == 1) {
                LOG.error("Could not write the audit log entry {}: {}", entries.get(0), e.toString());
                return;
            }
            entries.forEach(entry -> writeAll(List.of(entry)));
        }
    }

    private PreparedBatch bind(PreparedBatch batch, AuditEntry entry) {
        return batch.bindByType("org", entry.orgId(), UUID.class)
                .bindByType("at", entry.at(), Instant.class)
                .bindByType("actor", entry.actor(), String.class)
                .bindByType("userId", entry.userId(), UUID.class)
                .bindByType("probeId", entry.probeId(), String.class)
                .bindByType("nodeId", entry.nodeId(), String.class)
                .bindByType("control", entry.control(), String.class)
                .bindByType("args", args(entry), String.class)
                .bindByType("outcome", entry.outcome().id(), String.class)
                .bindByType("error", truncate(entry.error()), String.class)
                .bindByType(
                        "durationMs",
                        (int) Math.min(Integer.MAX_VALUE, Math.max(0, entry.durationMs())),
                        Integer.class);
    }

    private @Nullable String args(AuditEntry entry) {
        if (entry.args() == null) {
            return null;
        }
        try {
            return json.writeValueAsString(entry.args());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode control arguments", e);
        }
    }

    private static @Nullable String truncate(@Nullable String s) {
        return s == null || s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR) + "…";
    }
}
