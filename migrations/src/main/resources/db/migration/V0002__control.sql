-- Control: which control instance holds which probe's control connection, where each pipe is
-- relayed, and the audit log of every control invocation (docs/adr/0006-control-routing.md).

-- One row per running control instance; a row whose heartbeat is older than the expiry is dead,
-- and deleting it drops the probe connections and pipes it held (ON DELETE CASCADE below).
CREATE TABLE control_instances (
    instance_id  text        PRIMARY KEY,
    url          text        NOT NULL,
    started_at   timestamptz NOT NULL DEFAULT now(),
    heartbeat_at timestamptz NOT NULL DEFAULT now()
);

-- The live control connection of each probe. The last connection wins: a new one overwrites the
-- row, and a connection that closes deletes the row only if its connection_id still matches.
CREATE TABLE probe_connections (
    org_id        uuid        NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
    probe_id      text        NOT NULL,
    instance_id   text        NOT NULL REFERENCES control_instances (instance_id) ON DELETE CASCADE,
    instance_url  text        NOT NULL,
    connection_id uuid        NOT NULL,
    connected_at  timestamptz NOT NULL,
    last_seen     timestamptz NOT NULL,
    PRIMARY KEY (org_id, probe_id)
);
CREATE INDEX probe_connections_instance_idx ON probe_connections (instance_id);

-- A pipe (terminal or log stream) lives on one instance, its home; an end that connects to
-- another instance is bridged there. min_role is the role the UI end needs (admin for shells).
CREATE TABLE pipes (
    org_id       uuid        NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
    pipe_id      text        NOT NULL,
    instance_id  text        NOT NULL REFERENCES control_instances (instance_id) ON DELETE CASCADE,
    instance_url text        NOT NULL,
    min_role     text        NOT NULL DEFAULT 'member' CHECK (min_role IN ('owner', 'admin', 'member', 'viewer')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    closed_at    timestamptz,
    PRIMARY KEY (org_id, pipe_id)
);
CREATE INDEX pipes_instance_idx ON pipes (instance_id);

-- Who ran which control on which node, with what, and how it ended. Never updated.
CREATE TABLE audit_log (
    org_id      uuid        NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
    id          bigint      GENERATED ALWAYS AS IDENTITY,
    at          timestamptz NOT NULL,
    actor       text        NOT NULL,
    user_id     uuid        REFERENCES users (id) ON DELETE SET NULL,
    probe_id    text        NOT NULL,
    node_id     text        NOT NULL,
    control     text        NOT NULL,
    args        jsonb,
    outcome     text        NOT NULL CHECK (outcome IN
                    ('ok', 'failed', 'denied', 'not_connected', 'timeout', 'disconnected', 'unavailable')),
    error       text,
    duration_ms integer     NOT NULL CHECK (duration_ms >= 0),
    PRIMARY KEY (org_id, id)
);
