package io.scopecloud.probe.control;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Control id → handler, the probe's dispatch table (Scope's HandlerRegistry). Plugins register and
 * deregister their renamed controls here as they come and go; host and container controls will
 * register theirs the same way. Thread-safe.
 */
public final class ControlRegistry {
    private static final Logger log = LoggerFactory.getLogger(ControlRegistry.class);

    private final Map<String, ControlHandler> handlers = new ConcurrentHashMap<>();

    public void register(String control, ControlHandler handler) {
        handlers.put(requireNonNull(control, "control is null"), requireNonNull(handler, "handler is null"));
    }

    public void remove(String control) {
        handlers.remove(control);
    }

    /** Removes {@code toRemove}, then adds {@code toAdd}, so a plugin's control set is swapped in one step. */
    public synchronized void replace(Collection<String> toRemove, Map<String, ControlHandler> toAdd) {
        toRemove.forEach(handlers::remove);
        handlers.putAll(toAdd);
    }

    public boolean contains(String control) {
        return handlers.containsKey(control);
    }

    /** Runs the request's control, or answers that it is unknown, in Scope's words. */
    public ControlResponse handle(ControlRequest request) {
        ControlHandler handler = handlers.get(request.control());
        if (handler == null) {
            return ControlResponse.error("Control " + goQuote(request.control()) + " not recognised");
        }
        try {
            return handler.handle(request);
        } catch (RuntimeException e) {
            log.warn("control {} failed", request.control(), e);
            return ControlResponse.error(e.toString());
        }
    }

    /** Quotes like Go's {@code %q} for the printable strings control ids are. */
    public static String goQuote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
