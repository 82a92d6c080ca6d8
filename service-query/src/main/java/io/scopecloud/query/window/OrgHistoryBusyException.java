package io.scopecloud.query.window;

import io.scopecloud.query.topology.QueryException;

/** This org already has its share of time-travel reads in progress: 429, so that one org cannot take every turn. */
public final class OrgHistoryBusyException extends QueryException {
    private static final long serialVersionUID = 1L;

    OrgHistoryBusyException(int reads) {
        super("your organisation already has " + reads
                + " past windows being read back from Kafka; try again when they finish");
    }

    @Override
    public int status() {
        return 429;
    }
}
