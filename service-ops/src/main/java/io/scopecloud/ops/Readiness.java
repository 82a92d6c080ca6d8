package io.scopecloud.ops;

import static java.util.Objects.requireNonNull;

import io.dropwizard.core.setup.Environment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether this instance can do its job yet, asked by a proxy or Kubernetes before it sends
 * traffic: not before the server listens, not once it is stopping, and not while any registered
 * check still waits (ingest: a Kafka producer that has the topic's metadata; query: partitions
 * assigned and their windows rebuilt; control: registered with its peers).
 */
public final class Readiness {
    private static final String ATTRIBUTE = Readiness.class.getName();

    /** One condition the instance waits for. */
    @FunctionalInterface
    public interface Check {
        /** Empty when this part is ready; otherwise what it is waiting for, for the operator. */
        Optional<String> waitingFor();
    }

    /** The answer: ready, or what each part still waits for. */
    public record Status(boolean ready, Map<String, String> waitingFor) {}

    private final Map<String, Check> checks = new LinkedHashMap<>();
    private volatile boolean listening;
    private volatile boolean stopping;

    public static Readiness of(Environment environment) {
        var context = environment.getApplicationContext();
        synchronized (context) {
            if (context.getAttribute(ATTRIBUTE) instanceof Readiness readiness) {
                return readiness;
            }
            Readiness readiness = new Readiness();
            context.setAttribute(ATTRIBUTE, readiness);
            return readiness;
        }
    }

    public synchronized void register(String name, Check check) {
        checks.put(requireNonNull(name, "name is null"), requireNonNull(check, "check is null"));
    }

    void listening() {
        listening = true;
    }

    void stopping() {
        stopping = true;
    }

    public Status status() {
        Map<String, String> waiting = new LinkedHashMap<>();
        if (stopping) {
            waiting.put("server", "stopping");
        } else if (!listening) {
            waiting.put("server", "not listening yet");
        }
        Map<String, Check> current;
        synchronized (this) {
            current = new LinkedHashMap<>(checks);
        }
        current.forEach((name, check) -> {
            try {
                check.waitingFor().ifPresent(reason -> waiting.put(name, reason));
            } catch (RuntimeException e) {
                waiting.put(name, "check failed: " + e);
            }
        });
        return new Status(waiting.isEmpty(), waiting);
    }
}
