-- Vigil schema, version 2 (PostgreSQL): the kind-agnostic store. Every kind of subject lives in one table; push monitors
-- of version 1 move there (kind push_monitor, key = their id as text) with their ids, secrets, state, history and
-- outbox intact, and the monitor table goes.
-- Column names avoid SQL keywords (KEY and VALUE are reserved in H2), the same in both dialects.
-- Keys sort in the "C" collation (code point order, as Java compares strings), so paging by key is the same
-- everywhere. The whole script runs in one transaction: it applies completely or not at all.

CREATE TABLE ${schema}${prefix}subject (
    kind        TEXT NOT NULL,
    subject_key TEXT COLLATE "C" NOT NULL,
    version     BIGINT  NOT NULL,
    name        TEXT NOT NULL,
    labels      TEXT NOT NULL,  -- JSON object, keys sorted
    status      TEXT NOT NULL,
    next_due_at BIGINT,
    -- the claim index: next_due_at, or the end of a claim's lease (later); NULL when nothing is due
    due_at      BIGINT,
    spec        TEXT NOT NULL,  -- the kind's encoding, not read by the store
    state       TEXT NOT NULL,  -- the kind's encoding, not read by the store
    created_at  BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL,
    CONSTRAINT ${prefix}subject_pk PRIMARY KEY (kind, subject_key),
    CONSTRAINT ${prefix}subject_name_uq UNIQUE (kind, name)
);
CREATE INDEX ${prefix}subject_due_idx ON ${schema}${prefix}subject (due_at) WHERE due_at IS NOT NULL;

-- one row per label of a subject, for list filters (exact values and prefixes)
CREATE TABLE ${schema}${prefix}subject_label (
    kind        TEXT NOT NULL,
    subject_key TEXT COLLATE "C" NOT NULL,
    label       TEXT NOT NULL,
    label_value TEXT COLLATE "C" NOT NULL,
    CONSTRAINT ${prefix}subject_label_pk PRIMARY KEY (kind, subject_key, label)
);
CREATE INDEX ${prefix}subject_label_idx ON ${schema}${prefix}subject_label (kind, label, label_value, subject_key);

-- the change feed, written in the same transaction as each subject write or delete
CREATE TABLE ${schema}${prefix}subject_change (
    seq         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        TEXT NOT NULL,
    subject_key TEXT NOT NULL,
    version     BIGINT  NOT NULL,
    deleted     BOOLEAN NOT NULL,
    at          BIGINT  NOT NULL
);

-- push monitors become subjects
INSERT INTO ${schema}${prefix}subject (kind, subject_key, version, name, labels, status, next_due_at, due_at, spec,
        state, created_at, updated_at)
SELECT 'push_monitor', CAST(id AS TEXT), version, name,
       CASE WHEN spec::jsonb ->> 'group' IS NULL THEN '{}'
            ELSE '{"group":' || to_json(spec::jsonb ->> 'group')::text || '}'  -- compact, as the store writes labels
       END,
       status, next_due_at, due_at, spec,
       jsonb_strip_nulls(jsonb_build_object(
           'status', status,
           'status_since', status_since,
           'last_push_at', last_push_at,
           'expected_by', expected_by,
           'running_since', running_since,
           'consecutive_failures', consecutive_failures,
           'consecutive_successes', consecutive_successes,
           'push_count', push_count,
           'reminders_sent', reminders_sent,
           'last_push_status', last_push_status,
           'last_push_message', last_push_message,
           'secret_hash', secret_hash))::text,
       created_at, status_since
FROM ${schema}${prefix}monitor;

INSERT INTO ${schema}${prefix}subject_label (kind, subject_key, label, label_value)
SELECT 'push_monitor', CAST(id AS TEXT), 'group', spec::jsonb ->> 'group'
FROM ${schema}${prefix}monitor
WHERE spec::jsonb ->> 'group' IS NOT NULL;

-- sequences: the next push monitor id continues after the largest one
CREATE TABLE ${schema}${prefix}sequence (
    name       TEXT NOT NULL PRIMARY KEY,
    last_value BIGINT NOT NULL
);
INSERT INTO ${schema}${prefix}sequence (name, last_value)
SELECT 'push_monitor', COALESCE(MAX(id), 0) FROM ${schema}${prefix}monitor;

DROP TABLE ${schema}${prefix}monitor;

-- transitions: any kind, addressed by a text key; aspect, type, severity and labels
ALTER TABLE ${schema}${prefix}transition ADD COLUMN subject_key TEXT COLLATE "C";
UPDATE ${schema}${prefix}transition SET subject_key = CAST(subject_id AS TEXT);
ALTER TABLE ${schema}${prefix}transition ALTER COLUMN subject_key SET NOT NULL;
DROP INDEX ${schema}${prefix}transition_subject_idx;
ALTER TABLE ${schema}${prefix}transition DROP COLUMN subject_id;
CREATE INDEX ${prefix}transition_subject_idx ON ${schema}${prefix}transition (kind, subject_key, seq);
ALTER TABLE ${schema}${prefix}transition ADD COLUMN aspect TEXT DEFAULT '' NOT NULL;
ALTER TABLE ${schema}${prefix}transition ADD COLUMN type TEXT;
ALTER TABLE ${schema}${prefix}transition ADD COLUMN severity TEXT;
ALTER TABLE ${schema}${prefix}transition ADD COLUMN labels TEXT DEFAULT '{}' NOT NULL;
UPDATE ${schema}${prefix}transition SET
    type = CASE WHEN from_status = to_status THEN 'reminder' ELSE 'change' END,
    severity = CASE WHEN to_status = 'DOWN' THEN 'critical'
                    WHEN to_status = 'UP' AND from_status = 'DOWN' THEN 'resolved'
                    ELSE 'info' END;
ALTER TABLE ${schema}${prefix}transition ALTER COLUMN type SET NOT NULL;
ALTER TABLE ${schema}${prefix}transition ALTER COLUMN severity SET NOT NULL;

-- outbox: an address within the channel, the claim's token, and the same transition columns
ALTER TABLE ${schema}${prefix}outbox ADD COLUMN address TEXT;
ALTER TABLE ${schema}${prefix}outbox ADD COLUMN claim_token TEXT;
ALTER TABLE ${schema}${prefix}outbox ADD COLUMN t_subject_key TEXT;
UPDATE ${schema}${prefix}outbox SET t_subject_key = CAST(t_subject_id AS TEXT);
ALTER TABLE ${schema}${prefix}outbox ALTER COLUMN t_subject_key SET NOT NULL;
ALTER TABLE ${schema}${prefix}outbox DROP COLUMN t_subject_id;
ALTER TABLE ${schema}${prefix}outbox ADD COLUMN t_aspect TEXT DEFAULT '' NOT NULL;
ALTER TABLE ${schema}${prefix}outbox ADD COLUMN t_type TEXT;
ALTER TABLE ${schema}${prefix}outbox ADD COLUMN t_severity TEXT;
ALTER TABLE ${schema}${prefix}outbox ADD COLUMN t_labels TEXT DEFAULT '{}' NOT NULL;
UPDATE ${schema}${prefix}outbox SET
    t_type = CASE WHEN t_from = t_to THEN 'reminder' ELSE 'change' END,
    t_severity = CASE WHEN t_to = 'DOWN' THEN 'critical'
                      WHEN t_to = 'UP' AND t_from = 'DOWN' THEN 'resolved'
                      ELSE 'info' END;
ALTER TABLE ${schema}${prefix}outbox ALTER COLUMN t_type SET NOT NULL;
ALTER TABLE ${schema}${prefix}outbox ALTER COLUMN t_severity SET NOT NULL;

-- the append-only area: records and per-bucket roll-ups
CREATE TABLE ${schema}${prefix}record (
    stream     TEXT NOT NULL,
    id         TEXT COLLATE "C" NOT NULL,
    record_key TEXT NOT NULL,
    at         BIGINT  NOT NULL,
    tag        TEXT,
    body       TEXT NOT NULL,
    CONSTRAINT ${prefix}record_pk PRIMARY KEY (stream, id)
);
CREATE INDEX ${prefix}record_key_idx ON ${schema}${prefix}record (stream, record_key, at);
CREATE INDEX ${prefix}record_tag_idx ON ${schema}${prefix}record (stream, tag, at);
CREATE INDEX ${prefix}record_at_idx ON ${schema}${prefix}record (stream, at);

CREATE TABLE ${schema}${prefix}rollup (
    stream     TEXT NOT NULL,
    rollup_key TEXT NOT NULL,
    bucket     BIGINT  NOT NULL,
    name       TEXT NOT NULL,
    sum_value  DOUBLE PRECISION NOT NULL,
    CONSTRAINT ${prefix}rollup_pk PRIMARY KEY (stream, rollup_key, bucket, name)
);

CREATE TABLE ${schema}${prefix}idempotency (
    scope        TEXT NOT NULL,
    idem_key     TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status       INTEGER NOT NULL,
    response     TEXT NOT NULL,
    at           BIGINT  NOT NULL,
    CONSTRAINT ${prefix}idempotency_pk PRIMARY KEY (scope, idem_key)
);
CREATE INDEX ${prefix}idempotency_at_idx ON ${schema}${prefix}idempotency (at);

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
CREATE INDEX ${prefix}gap_end_idx ON ${schema}${prefix}gap (end_at);
