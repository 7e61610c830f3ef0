-- Restore drills: one row per drill, a completed backup restored into scratch tables and checked (README, "Restore
-- drills"). The scratch tables themselves are never committed (the drill's one transaction is rolled back), so this
-- table is all that remains of a drill.
--
-- backup_id is not a foreign key: a drill's record outlives the backup it proved, as an audit of what was proven when.
CREATE TABLE drills (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    backup_id      bigint NOT NULL,
    backup_uuid    uuid,
    source         text NOT NULL
        CONSTRAINT drills_source_valid CHECK (source IN ('database', 'offsite')),
    target         text,
    status         text NOT NULL DEFAULT 'running'
        CONSTRAINT drills_status_valid CHECK (status IN ('running', 'passed', 'failed')),
    started_at     timestamptz NOT NULL,
    finished_at    timestamptz,
    -- The measured recovery: the integrity check and the restore into the scratch tables (for an off-site drill the
    -- download, decryption and load of the copy too); the invariants checked afterwards are not part of it.
    duration_ms    bigint,
    wallet_count   bigint,
    -- [{name, ok, detail}], in the order they were checked.
    invariants     jsonb NOT NULL DEFAULT '[]',
    error          text,
    triggered_by   text NOT NULL,
    actor_name     text,
    -- Scheduled drills: the UTC day of the run and which backup the schedule picked (the newest, or once a month
    -- the oldest kept). Null for drills asked for.
    schedule_slot  date,
    scheduled_as   text
        CONSTRAINT drills_scheduled_as_valid CHECK (scheduled_as IN ('newest', 'oldest')),
    operation_id   text,
    CONSTRAINT drills_target_for_offsite CHECK ((source = 'offsite') = (target IS NOT NULL)),
    CONSTRAINT drills_slot_and_kind CHECK ((schedule_slot IS NULL) = (scheduled_as IS NULL))
);

-- A scheduled slot runs each of its drills once, however many replicas (or a CronJob beside them) fire: decided in
-- the database, as the daily backup's day is. A failed drill keeps its slot: its verdict is a finding, not a retry.
CREATE UNIQUE INDEX drills_one_per_slot ON drills (schedule_slot, scheduled_as) WHERE schedule_slot IS NOT NULL;
-- Recovery looks for running drills; the health check and the metric for the last passed one.
CREATE INDEX drills_running_idx ON drills (id) WHERE status = 'running';
CREATE INDEX drills_passed_idx ON drills (finished_at) WHERE status = 'passed';
