-- Off-site copies. A backup gets a globally unique id at creation: object keys name backups by it, never by the local
-- id alone (a database rebuilt after a disaster hands out ids from 1 again, and a new backup must never overwrite an
-- old copy). Existing backups get one now.
ALTER TABLE gold_backups ADD COLUMN uuid uuid NOT NULL DEFAULT gen_random_uuid();
CREATE UNIQUE INDEX gold_backups_uuid_idx ON gold_backups (uuid);

-- A backup brought back from a copy: where from, and its id and time in the database it came from.
ALTER TABLE gold_backups ADD COLUMN imported_from_target text;
ALTER TABLE gold_backups ADD COLUMN imported_original_id bigint;
ALTER TABLE gold_backups ADD COLUMN imported_original_timestamp timestamptz;

-- One row per backup and target: the copy's state, retried until it succeeds or gives up. The backup id is not a
-- foreign key: a copy outlives the local backup (its own retention is longer), and the row says what the bucket holds.
CREATE TABLE offsite_copies (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    backup_id       bigint NOT NULL,
    backup_uuid     uuid NOT NULL,
    backup_type     text NOT NULL,
    target          text NOT NULL,
    status          text NOT NULL DEFAULT 'pending'
        CONSTRAINT offsite_copies_status_valid
            CHECK (status IN ('pending', 'running', 'completed', 'failed', 'deleted')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    manifest_key    text,
    object_key      text,
    stored_bytes    bigint,
    plain_bytes     bigint,
    sha256          text,
    key_id          text,
    started_at      timestamptz,
    finished_at     timestamptz,
    duration_ms     bigint,
    retain_until    timestamptz,
    expires_at      timestamptz,
    error           text,
    operation_id    text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT offsite_copies_one_per_target UNIQUE (backup_id, target)
);

-- The copy job looks for copies due: pending, or failed with a retry time passed.
CREATE INDEX offsite_copies_due_idx ON offsite_copies (next_attempt_at) WHERE status IN ('pending', 'failed');
-- Recovery looks for running copies.
CREATE INDEX offsite_copies_running_idx ON offsite_copies (id) WHERE status = 'running';
