-- Backups: one row per backup, its wallet rows in a partition of their own.

CREATE TABLE gold_backups (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    backup_timestamp      timestamptz NOT NULL,
    backup_name           text NOT NULL,
    backup_type           text NOT NULL
        CONSTRAINT gold_backups_type_valid
            CHECK (backup_type IN ('auto_daily', 'manual', 'pre_update', 'pre_migration', 'emergency')),
    triggered_by          text NOT NULL,
    status                text NOT NULL DEFAULT 'running'
        CONSTRAINT gold_backups_status_valid CHECK (status IN ('running', 'completed', 'failed')),
    total_users_backed_up bigint NOT NULL DEFAULT 0,
    notes                 text,
    snapshot_version      integer NOT NULL,
    system_version        text NOT NULL,
    duration_ms           bigint,
    size_bytes            bigint,
    checksum              text,
    warnings              jsonb NOT NULL DEFAULT '[]'::jsonb,
    expires_at            timestamptz NOT NULL,
    completed_at          timestamptz,
    error                 text
);

-- Lists and health read backups newest first, and by type and status.
CREATE INDEX gold_backups_timestamp_idx ON gold_backups (backup_timestamp DESC, id DESC);
CREATE INDEX gold_backups_type_timestamp_idx ON gold_backups (backup_type, backup_timestamp DESC);
CREATE INDEX gold_backups_expires_at_idx ON gold_backups (expires_at);

-- One daily backup per UTC day, decided by the database: a failed run leaves the day open for a retry.
CREATE UNIQUE INDEX gold_backups_one_auto_daily_per_day
    ON gold_backups (((backup_timestamp AT TIME ZONE 'UTC')::date))
    WHERE backup_type = 'auto_daily' AND status <> 'failed';

-- One row per wallet per backup, LIST-partitioned by backup: removing a backup drops its partition instead of
-- deleting a million rows. Each partition is loaded as a standalone table and attached when complete.
-- The key leads with the wallet, so one wallet's history is an index probe per partition and a page of one
-- backup is a range scan of its partition.
CREATE TABLE gold_backup_wallets (
    backup_id           bigint NOT NULL,
    wallet_address      text COLLATE "C" NOT NULL,
    current_gold        double precision NOT NULL,
    gold_per_hour       double precision NOT NULL,
    accumulated_gold    double precision,
    last_snapshot_time  timestamptz,
    total_gold_per_hour double precision,
    mek_count           integer NOT NULL,
    last_active_time    timestamptz,
    top_mek_gold_rate   double precision,
    top_mek_asset_id    text COLLATE "C",
    total_mek_gold_rate double precision,
    level               integer,
    experience          bigint,
    bank_balance        double precision,
    PRIMARY KEY (wallet_address, backup_id)
) PARTITION BY LIST (backup_id);
