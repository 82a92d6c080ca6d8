-- Which probe token first claimed each probe id (docs/adr/0013-probe-sockets-follow-their-token.md).
-- A control connection with another token of the org is refused while this token is not revoked,
-- so that one host's token cannot take over another host's controls ("the last connection wins").
-- Versioned 4.1 so that it cannot collide with another branch's V0004.
CREATE TABLE probe_claims (
    org_id     uuid        NOT NULL,
    probe_id   text        NOT NULL,
    token_id   uuid        NOT NULL,
    claimed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, probe_id),
    FOREIGN KEY (org_id, token_id) REFERENCES probe_tokens (org_id, id) ON DELETE CASCADE
);
