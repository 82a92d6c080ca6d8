-- Audit entries are numbered per org (1, 2, 3...): the global identity column showed every org how many
-- controls all the others ran (issue 17, item 16). The identity stays the row's internal key; the API shows
-- and pages by the org's own number. audit_numbers holds each org's last number; taking the next one locks
-- that org's row until the transaction ends, so entries of one org are numbered without gaps or repeats.
CREATE TABLE audit_numbers (
    org_id uuid   PRIMARY KEY REFERENCES orgs (id) ON DELETE CASCADE,
    last   bigint NOT NULL CHECK (last > 0)
);

ALTER TABLE audit_log ADD COLUMN number bigint;

UPDATE audit_log a
SET number = numbered.n
FROM (SELECT org_id, id, row_number() OVER (PARTITION BY org_id ORDER BY id) AS n FROM audit_log) numbered
WHERE a.org_id = numbered.org_id AND a.id = numbered.id;

ALTER TABLE audit_log ALTER COLUMN number SET NOT NULL;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_org_number_key UNIQUE (org_id, number);

INSERT INTO audit_numbers (org_id, last)
SELECT org_id, max(number) FROM audit_log GROUP BY org_id;
