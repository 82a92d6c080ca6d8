-- The first schema: organisations, people, who belongs where, probe tokens and probes.
-- Every tenant-scoped table carries org_id first, and every query on it filters by it first.

CREATE TABLE orgs (
    id          uuid        PRIMARY KEY,
    external_id text        NOT NULL,
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT orgs_external_id_format CHECK (external_id ~ '^[a-z0-9][a-z0-9-]{1,62}$')
);
CREATE UNIQUE INDEX orgs_external_id_key ON orgs (external_id);

CREATE TABLE users (
    id            uuid        PRIMARY KEY,
    email         text        NOT NULL,
    password_hash text,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE memberships (
    org_id     uuid        NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       text        NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);

-- A token is shown once; only its SHA-256 is kept, plus a short prefix to recognise it by.
CREATE TABLE probe_tokens (
    org_id       uuid        NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
    id           uuid        NOT NULL,
    name         text        NOT NULL,
    prefix       text        NOT NULL,
    token_hash   bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    created_by   uuid        REFERENCES users (id) ON DELETE SET NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    PRIMARY KEY (org_id, id)
);
CREATE UNIQUE INDEX probe_tokens_hash_key ON probe_tokens (token_hash);

CREATE TABLE probes (
    org_id      uuid        NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
    probe_id    text        NOT NULL,
    hostname    text,
    version     text,
    first_seen  timestamptz NOT NULL,
    last_seen   timestamptz NOT NULL,
    PRIMARY KEY (org_id, probe_id)
);
