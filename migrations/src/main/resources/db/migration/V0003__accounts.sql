-- People come in: sessions, invitations to an org, and views saved and shared within an org.

-- A session is known by the SHA-256 of its cookie value; the cookie itself is never stored.
CREATE TABLE sessions (
    id_hash      bytea       PRIMARY KEY,
    user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token   text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- An invitation is a link holding a secret; only its SHA-256 is kept.
CREATE TABLE invites (
    org_id      uuid        NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
    id          uuid        NOT NULL,
    token_hash  bytea       NOT NULL,
    email       text,
    role        text        NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
    created_by  uuid        REFERENCES users (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    accepted_at timestamptz,
    accepted_by uuid        REFERENCES users (id) ON DELETE SET NULL,
    PRIMARY KEY (org_id, id)
);
CREATE UNIQUE INDEX invites_token_hash_key ON invites (token_hash);

CREATE TABLE shared_views (
    org_id        uuid        NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
    id            uuid        NOT NULL,
    name          text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    topology      text        NOT NULL CHECK (length(topology) BETWEEN 1 AND 100),
    options       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    search        text        NOT NULL DEFAULT '',
    selected_node text,
    owner_id      uuid        REFERENCES users (id) ON DELETE SET NULL,
    shared        boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, id)
);
