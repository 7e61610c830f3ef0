-- Integrity that nobody can forge from inside the database, and verification on a schedule (README, "Verification and
-- integrity").

-- A verification that finds a backup's rows or seal do not match marks it 'corrupt': listed as such, kept by every
-- cleanup for the investigation, restored from only when an admin forces it.
ALTER TABLE gold_backups DROP CONSTRAINT gold_backups_status_valid;
ALTER TABLE gold_backups ADD CONSTRAINT gold_backups_status_valid
    CHECK (status IN ('running', 'completed', 'failed', 'corrupt'));

-- The seal: HMAC-SHA256 (hex) over the checksum and the identifying metadata, under a sub-key of the GOLD_BACKUP_KEYS
-- entry named by seal_key_id. The key itself is never here: whoever can write this table can recompute a checksum,
-- not a seal. Both null: the backup is unsealed (taken before seals existed, or while no key was configured).
ALTER TABLE gold_backups
    ADD COLUMN seal_mac    text,
    ADD COLUMN seal_key_id text,
    ADD CONSTRAINT gold_backups_seal_whole CHECK ((seal_mac IS NULL) = (seal_key_id IS NULL));

-- The last verification's time, verdict and reason (null: never verified). A verification that could not finish (the
-- database failed under it) records nothing: it is no verdict.
ALTER TABLE gold_backups
    ADD COLUMN last_verified_at   timestamptz,
    ADD COLUMN last_verify_ok     boolean,
    ADD COLUMN last_verify_detail text;

-- The scheduled verification takes completed backups never verified first, then the longest unverified.
CREATE INDEX gold_backups_verify_due_idx ON gold_backups (last_verified_at NULLS FIRST, id)
    WHERE status = 'completed';
