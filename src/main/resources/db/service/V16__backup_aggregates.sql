-- A completed backup's totals, averages and top five wallets, kept once computed (README, "Admin console"): its rows
-- never change, and recomputing them over a million rows on every view of its page took about 0.9 s. Computed on the
-- first view (or the first API read of its details) and read from here after that.
CREATE TABLE gold_backup_aggregates (
    backup_id   bigint PRIMARY KEY REFERENCES gold_backups (id) ON DELETE CASCADE,
    aggregates  jsonb       NOT NULL,
    computed_at timestamptz NOT NULL DEFAULT now()
);
