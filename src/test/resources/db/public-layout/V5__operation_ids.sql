-- The operation id that a restore run shares with its audit event and its log lines.
ALTER TABLE restore_runs ADD COLUMN operation_id text;
