package io.scopecloud.probe.pipe;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Pipes that go nowhere: the tests look at the ends the controls opened and close them. */
public final class FakePipeClient implements PipeClient {
    public final Map<String, PipeEnd> ends = new ConcurrentHashMap<>();
    private final Map<String, Runnable> onClose = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();

    @Override
    public String open(String appId, PipeEnd end, Runnable closed) {
        String id = "pipe-" + next.incrementAndGet();
        ends.put(id, end);
        onClose.put(id, closed);
        return id;
    }

    @Override
    public void close(String pipeId) {
        PipeEnd end = ends.remove(pipeId);
        if (end != null) {
            end.close();
            onClose.remove(pipeId).run();
        }
    }
}
