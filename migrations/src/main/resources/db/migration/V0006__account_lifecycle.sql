-- The account lifecycle (issue 21, ADR 0016): verified emails, one-use account links (password
-- resets, email verification and changes, the second step of a sign-in), where each session
-- was started from, two-factor sign-in, and orgs that require it.

-- Accounts made before verification existed count as verified: they were made by people who
-- have been using them, and refusing their invitations now would lock them out of their teams.
ALTER TABLE users ADD COLUMN email_verified_at timestamptz;
UPDATE users SET email_verified_at = created_at;

-- A link holds a random secret; only its SHA-256 is kept. It works once, until expires_at.
CREATE TABLE account_links (
    token_hash bytea       PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    text        NOT NULL CHECK (purpose IN ('reset', 'verify', 'email', 'sign_in')),
    email      text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX account_links_user_idx ON account_links (user_id);

-- Sessions get an id people may see (the row's key is the cookie's hash) and where they began.
ALTER TABLE sessions ADD COLUMN public_id uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE sessions ADD COLUMN address text;
ALTER TABLE sessions ADD COLUMN user_agent text;
CREATE UNIQUE INDEX sessions_public_id_key ON sessions (public_id);

-- TOTP (RFC 6238): the shared secret, when it was confirmed, and the last time step used
-- (a code of that step or an earlier one is refused: no replay within its window).
ALTER TABLE users ADD COLUMN totp_secret text;
ALTER TABLE users ADD COLUMN totp_enabled_at timestamptz;
ALTER TABLE users ADD COLUMN totp_last_step bigint;

CREATE TABLE recovery_codes (
    user_id   uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash bytea       NOT NULL,
    used_at   timestamptz,
    PRIMARY KEY (user_id, code_hash)
);

ALTER TABLE orgs ADD COLUMN require_two_factor boolean NOT NULL DEFAULT false;
