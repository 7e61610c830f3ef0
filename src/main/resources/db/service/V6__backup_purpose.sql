-- Why a backup exists: 'backup' (taken to be kept: scheduled, manual, before an update or migration, emergency), or
-- 'restore_safety' (the snapshot a restore takes of the wallets it overwrites, kept so the restore can be undone).
-- Safety snapshots never count as backups for the health indicators, the statistics, the freshness metric or the
-- chart: a dashboard must not turn healthy because a restore ran.
ALTER TABLE gold_backups ADD COLUMN purpose text NOT NULL DEFAULT 'backup'
    CONSTRAINT gold_backups_purpose_valid CHECK (purpose IN ('backup', 'restore_safety'));

-- Safety snapshots taken before this column existed carry the name every restore gives them.
UPDATE gold_backups SET purpose = 'restore_safety'
WHERE backup_type = 'emergency' AND backup_name LIKE 'Emergency before restore #%';

-- The indicators read completed backups of purpose 'backup', newest first.
CREATE INDEX gold_backups_counted_idx ON gold_backups (backup_timestamp DESC, id DESC)
    WHERE status = 'completed' AND purpose = 'backup';
