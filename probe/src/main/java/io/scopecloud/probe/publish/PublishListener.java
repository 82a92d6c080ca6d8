package io.scopecloud.probe.publish;

import java.time.Instant;

/** Hears how publishing goes, for {@code scope status}. */
public interface PublishListener {
    void accepted(Instant at);

    void failed(Instant at, String problem);

    PublishListener NONE = new PublishListener() {
        @Override
        public void accepted(Instant at) {}

        @Override
        public void failed(Instant at, String problem) {}
    };
}
