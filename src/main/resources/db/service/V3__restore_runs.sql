-- The restore log: one row per restore or dry run, kept after the backup it used is deleted.

CREATE TABLE restore_runs (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    backup_id         bigint NOT NULL,
    dry_run           boolean NOT NULL,
    triggered_by      text NOT NULL,
    actor_name        text,
    target_count      integer,
    status            text NOT NULL DEFAULT 'running'
        CONSTRAINT restore_runs_status_valid CHECK (status IN ('running', 'completed', 'failed', 'refused')),
    started_at        timestamptz NOT NULL,
    finished_at       timestamptz,
    duration_ms       bigint,
    wallets_total     bigint,
    wallets_processed bigint NOT NULL DEFAULT 0,
    wallets_changed   bigint,
    gold_before       double precision,
    gold_after        double precision,
    safety_backup_id  bigint,
    fingerprint       text,
    error             text
);

CREATE INDEX restore_runs_started_idx ON restore_runs (started_at DESC, id DESC);

-- One real restore at a time, decided by the database: a second one cannot even be registered.
CREATE UNIQUE INDEX restore_runs_one_running ON restore_runs ((true)) WHERE status = 'running' AND NOT dry_run;

-- The wallets a targeted restore names, in the database so that the restore's SQL joins them set-based.
CREATE TABLE restore_run_targets (
    run_id         bigint NOT NULL REFERENCES restore_runs (id) ON DELETE CASCADE,
    wallet_address text COLLATE "C" NOT NULL,
    PRIMARY KEY (run_id, wallet_address)
);
