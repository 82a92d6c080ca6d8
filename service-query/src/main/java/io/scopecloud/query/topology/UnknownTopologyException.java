package io.scopecloud.query.topology;

/** A view the registry does not have: 404. */
public final class UnknownTopologyException extends QueryException {
    private static final long serialVersionUID = 1L;

    public UnknownTopologyException(String topologyId) {
        super("no topology " + topologyId);
    }

    @Override
    public int status() {
        return 404;
    }
}
