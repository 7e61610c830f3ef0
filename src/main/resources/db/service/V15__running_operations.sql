-- The console's "running now" strip asks every few seconds, from every open page, what runs in each table of
-- operations. Copies, cleanups, imports and drills have a partial index on their running rows already (for recovery);
-- backups and restore runs get theirs here, so the question costs an index probe per table however long the restore
-- log grows (every dry run adds a row).
CREATE INDEX gold_backups_running_idx ON gold_backups (id) WHERE status = 'running';
CREATE INDEX restore_runs_running_idx ON restore_runs (id) WHERE status = 'running';
