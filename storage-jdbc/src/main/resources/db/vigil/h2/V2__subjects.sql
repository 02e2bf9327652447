-- Vigil schema, version 2 (H2 2.x): the kind-agnostic store. Every kind of subject lives in one table; push monitors
-- of version 1 move there (kind push_monitor, key = their id as text) with their ids, secrets, state, history and
-- outbox intact, and the monitor table goes.
-- Column names avoid SQL keywords (KEY and VALUE are reserved in H2): subject_key, label_value, record_key, ...
-- H2 commits each DDL statement on its own, so a failed migration is not rolled back: restore a backup.

CREATE TABLE ${schema}${prefix}subject (
    kind        CHARACTER VARYING NOT NULL,
    subject_key CHARACTER VARYING NOT NULL,
    version     BIGINT  NOT NULL,
    name        CHARACTER VARYING NOT NULL,
    labels      CHARACTER VARYING NOT NULL,  -- JSON object, keys sorted
    status      CHARACTER VARYING NOT NULL,
    next_due_at BIGINT,
    -- the claim index: next_due_at, or the end of a claim's lease (later); NULL when nothing is due
    due_at      BIGINT,
    spec        CHARACTER VARYING NOT NULL,  -- the kind's encoding, not read by the store
    state       CHARACTER VARYING NOT NULL,  -- the kind's encoding, not read by the store
    created_at  BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL,
    CONSTRAINT ${prefix}subject_pk PRIMARY KEY (kind, subject_key),
    CONSTRAINT ${prefix}subject_name_uq UNIQUE (kind, name)
);
CREATE INDEX ${schema}${prefix}subject_due_idx ON ${schema}${prefix}subject (due_at);

-- one row per label of a subject, for list filters (exact values and prefixes)
CREATE TABLE ${schema}${prefix}subject_label (
    kind        CHARACTER VARYING NOT NULL,
    subject_key CHARACTER VARYING NOT NULL,
    label       CHARACTER VARYING NOT NULL,
    label_value CHARACTER VARYING NOT NULL,
    CONSTRAINT ${prefix}subject_label_pk PRIMARY KEY (kind, subject_key, label)
);
CREATE INDEX ${schema}${prefix}subject_label_idx ON ${schema}${prefix}subject_label (kind, label, label_value, subject_key);

-- the change feed, written in the same transaction as each subject write or delete
CREATE TABLE ${schema}${prefix}subject_change (
    seq         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        CHARACTER VARYING NOT NULL,
    subject_key CHARACTER VARYING NOT NULL,
    version     BIGINT  NOT NULL,
    deleted     BOOLEAN NOT NULL,
    at          BIGINT  NOT NULL
);

-- push monitors become subjects
INSERT INTO ${schema}${prefix}subject (kind, subject_key, version, name, labels, status, next_due_at, due_at, spec,
        state, created_at, updated_at)
SELECT 'push_monitor', CAST(id AS CHARACTER VARYING), version, name,
       CASE WHEN (CAST(spec FORMAT JSON AS JSON))."group" IS NULL THEN '{}'
            ELSE CAST(JSON_OBJECT('group': (CAST(spec FORMAT JSON AS JSON))."group" FORMAT JSON) AS CHARACTER VARYING)
       END,
       status, next_due_at, due_at, spec,
       CAST(JSON_OBJECT(
           'status': status,
           'status_since': status_since,
           'last_push_at': last_push_at,
           'expected_by': expected_by,
           'running_since': running_since,
           'consecutive_failures': consecutive_failures,
           'consecutive_successes': consecutive_successes,
           'push_count': push_count,
           'reminders_sent': reminders_sent,
           'last_push_status': last_push_status,
           'last_push_message': last_push_message,
           'secret_hash': secret_hash
           ABSENT ON NULL) AS CHARACTER VARYING),
       created_at, status_since
FROM ${schema}${prefix}monitor;

-- the group label: the JSON string unquoted; a printable group can only hold the escapes \" and \\ (CHAR(92) is a
-- backslash, spelled so because Jdbi's statement parser reads a backslash in a literal as an escape)
INSERT INTO ${schema}${prefix}subject_label (kind, subject_key, label, label_value)
SELECT 'push_monitor', CAST(id AS CHARACTER VARYING), 'group',
       REPLACE(REPLACE(REPLACE(SUBSTRING(g, 2, CHAR_LENGTH(g) - 2), CHAR(92) || CHAR(92), CHAR(0)),
               CHAR(92) || '"', '"'), CHAR(0), CHAR(92))
FROM (SELECT id, CAST((CAST(spec FORMAT JSON AS JSON))."group" AS CHARACTER VARYING) AS g
      FROM ${schema}${prefix}monitor) AS m
WHERE g IS NOT NULL;

-- sequences: the next push monitor id continues after the largest one
CREATE TABLE ${schema}${prefix}sequence (
    name       CHARACTER VARYING NOT NULL PRIMARY KEY,
    last_value BIGINT NOT NULL
);
INSERT INTO ${schema}${prefix}sequence (name, last_value)
SELECT 'push_monitor', COALESCE(MAX(id), 0) FROM ${schema}${prefix}monitor;

DROP TABLE ${schema}${prefix}monitor;

-- transitions: any kind, addressed by a text key; aspect, type, severity and labels
ALTER TABLE ${schema}${prefix}transition ADD COLUMN subject_key CHARACTER VARYING;
UPDATE ${schema}${prefix}transition SET subject_key = CAST(subject_id AS CHARACTER VARYING);
ALTER TABLE ${schema}${prefix}transition ALTER COLUMN subject_key SET NOT NULL;
DROP INDEX ${schema}${prefix}transition_subject_idx;
ALTER TABLE ${schema}${prefix}transition DROP COLUMN subject_id;
CREATE INDEX ${schema}${prefix}transition_subject_idx ON ${schema}${prefix}transition (kind, subject_key, seq);
ALTER TABLE ${schema}${prefix}transition ADD COLUMN aspect CHARACTER VARYING DEFAULT '' NOT NULL;
ALTER TABLE ${schema}${prefix}transition ADD COLUMN type CHARACTER VARYING;
ALTER TABLE ${schema}${prefix}transition ADD COLUMN severity CHARACTER VARYING;
ALTER TABLE ${schema}${prefix}transition ADD COLUMN labels CHARACTER VARYING DEFAULT '{}' NOT NULL;
UPDATE ${schema}${prefix}transition SET
    type = CASE WHEN from_status = to_status THEN 'reminder' ELSE 'change' END,
    severity = CASE WHEN to_status = 'DOWN' THEN 'critical'
                    WHEN to_status = 'UP' AND from_status = 'DOWN' THEN 'resolved'
                    ELSE 'info' END;
ALTER TABLE ${schema}${prefix}transition ALTER COLUMN type SET NOT NULL;
ALTER TABLE ${schema}${prefix}transition ALTER COLUMN severity SET NOT NULL;

-- outbox: an address within the channel, the claim's token, and the same transition columns
ALTER TABLE ${schema}${prefix}outbox ADD COLUMN address CHARACTER VARYING;
ALTER TABLE ${schema}${prefix}outbox ADD COLUMN claim_token CHARACTER VARYING;
ALTER TABLE ${schema}${prefix}outbox ADD COLUMN t_subject_key CHARACTER VARYING;
UPDATE ${schema}${prefix}outbox SET t_subject_key = CAST(t_subject_id AS CHARACTER VARYING);
ALTER TABLE ${schema}${prefix}outbox ALTER COLUMN t_subject_key SET NOT NULL;
ALTER TABLE ${schema}${prefix}outbox DROP COLUMN t_subject_id;
ALTER TABLE ${schema}${prefix}outbox ADD COLUMN t_aspect CHARACTER VARYING DEFAULT '' NOT NULL;
ALTER TABLE ${schema}${prefix}outbox ADD COLUMN t_type CHARACTER VARYING;
ALTER TABLE ${schema}${prefix}outbox ADD COLUMN t_severity CHARACTER VARYING;
ALTER TABLE ${schema}${prefix}outbox ADD COLUMN t_labels CHARACTER VARYING DEFAULT '{}' NOT NULL;
UPDATE ${schema}${prefix}outbox SET
    t_type = CASE WHEN t_from = t_to THEN 'reminder' ELSE 'change' END,
    t_severity = CASE WHEN t_to = 'DOWN' THEN 'critical'
                      WHEN t_to = 'UP' AND t_from = 'DOWN' THEN 'resolved'
                      ELSE 'info' END;
ALTER TABLE ${schema}${prefix}outbox ALTER COLUMN t_type SET NOT NULL;
ALTER TABLE ${schema}${prefix}outbox ALTER COLUMN t_severity SET NOT NULL;

-- the append-only area: records and per-bucket roll-ups
CREATE TABLE ${schema}${prefix}record (
    stream     CHARACTER VARYING NOT NULL,
    id         CHARACTER VARYING NOT NULL,
    record_key CHARACTER VARYING NOT NULL,
    at         BIGINT  NOT NULL,
    tag        CHARACTER VARYING,
    body       CHARACTER VARYING NOT NULL,
    CONSTRAINT ${prefix}record_pk PRIMARY KEY (stream, id)
);
CREATE INDEX ${schema}${prefix}record_key_idx ON ${schema}${prefix}record (stream, record_key, at);
CREATE INDEX ${schema}${prefix}record_tag_idx ON ${schema}${prefix}record (stream, tag, at);
CREATE INDEX ${schema}${prefix}record_at_idx ON ${schema}${prefix}record (stream, at);

CREATE TABLE ${schema}${prefix}rollup (
    stream     CHARACTER VARYING NOT NULL,
    rollup_key CHARACTER VARYING NOT NULL,
    bucket     BIGINT  NOT NULL,
    name       CHARACTER VARYING NOT NULL,
    sum_value  DOUBLE PRECISION NOT NULL,
    CONSTRAINT ${prefix}rollup_pk PRIMARY KEY (stream, rollup_key, bucket, name)
);

CREATE TABLE ${schema}${prefix}idempotency (
    scope        CHARACTER VARYING NOT NULL,
    idem_key     CHARACTER VARYING NOT NULL,
    request_hash CHARACTER VARYING NOT NULL,
    status       INTEGER NOT NULL,
    response     CHARACTER VARYING NOT NULL,
    at           BIGINT  NOT NULL,
    CONSTRAINT ${prefix}idempotency_pk PRIMARY KEY (scope, idem_key)
);
CREATE INDEX ${schema}${prefix}idempotency_at_idx ON ${schema}${prefix}idempotency (at);

-- when some instance last evaluated (one row), and the gaps found in it
CREATE TABLE ${schema}${prefix}watermark (
    id             INTEGER NOT NULL PRIMARY KEY,
    last_evaluated BIGINT,
    CONSTRAINT ${prefix}watermark_one CHECK (id = 1)
);
INSERT INTO ${schema}${prefix}watermark (id, last_evaluated) VALUES (1, NULL);

CREATE TABLE ${schema}${prefix}gap (
    seq      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    start_at BIGINT NOT NULL,
    end_at   BIGINT NOT NULL
);
CREATE INDEX ${schema}${prefix}gap_end_idx ON ${schema}${prefix}gap (end_at);
