package io.scopecloud.query.window;

import io.scopecloud.query.topology.QueryException;

/** Too many time-travel windows are being read back from Kafka at once: try again shortly. */
public final class HistoryBusyException extends QueryException {
    private static final long serialVersionUID = 1L;

    HistoryBusyException(int readers) {
        super("the service is already reading " + readers
                + " past windows back from Kafka; try the earlier time again in a few seconds");
    }

    @Override
    public int status() {
        return 503;
    }
}
