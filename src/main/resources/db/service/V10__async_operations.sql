-- Long operations started with "Prefer: respond-async" answer 202 with the Location of a row that shows their status
-- while they run. Backups and restore runs have such rows already; cleanups and imports get theirs here, and a dry run
-- keeps its plan, so that a plan computed in the background can be read when it is done.

-- The cleanup log: one row per cleanup or dry run (the API's, the weekly job's), whoever started it. A run is alive
-- exactly while a session holds the cleanup lock (one cleanup at a time across replicas); recovery fails a running
-- row whose lock is free.
CREATE TABLE cleanup_runs (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dry_run           boolean NOT NULL,
    days_to_keep      integer,
    triggered_by      text NOT NULL,
    actor_name        text,
    status            text NOT NULL DEFAULT 'running'
        CONSTRAINT cleanup_runs_status_valid CHECK (status IN ('running', 'completed', 'failed')),
    started_at        timestamptz NOT NULL,
    finished_at       timestamptz,
    duration_ms       bigint,
    -- Progress: the backups the run found due, and how many of them it has gone through (deleted, or listed).
    backups_total     integer,
    backups_processed integer NOT NULL DEFAULT 0,
    -- The report, exactly as POST /cleanup answers it, once completed: json, not jsonb, keeps its text as written.
    report            json,
    error             text,
    operation_id      text
);

CREATE INDEX cleanup_runs_started_idx ON cleanup_runs (started_at DESC, id DESC);
-- Recovery looks for running runs.
CREATE INDEX cleanup_runs_running_idx ON cleanup_runs (id) WHERE status = 'running';

-- The import log: one row per import of an off-site copy. The imported backup itself becomes visible only when its one
-- transaction commits, so this row is what shows an import while it runs. Alive while a session holds the import's
-- advisory lock (key: this id).
CREATE TABLE offsite_imports (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    target             text NOT NULL,
    -- As requested (one of them), then as found in the copy's manifest.
    backup_uuid        uuid,
    original_backup_id bigint,
    triggered_by       text NOT NULL,
    actor_name         text,
    status             text NOT NULL DEFAULT 'running'
        CONSTRAINT offsite_imports_status_valid CHECK (status IN ('running', 'completed', 'failed')),
    started_at         timestamptz NOT NULL,
    finished_at        timestamptz,
    duration_ms        bigint,
    -- The local backup the import created.
    backup_id          bigint,
    error              text,
    operation_id       text
);

CREATE INDEX offsite_imports_running_idx ON offsite_imports (id) WHERE status = 'running';

-- A dry run's plan, exactly as POST /restores answers it (a bounded document: the largest diffs and samples). json,
-- not jsonb: jsonb would rewrite the numbers (1.5E7 as 15000000) and the order of the keys.
ALTER TABLE restore_runs ADD COLUMN plan json;
