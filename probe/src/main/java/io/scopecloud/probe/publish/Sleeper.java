package io.scopecloud.probe.publish;

import java.time.Duration;

/** Waits; a seam so backoff tests record delays instead of sleeping through them. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());
}
