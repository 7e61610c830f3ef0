-- The wallets a restore re-created (restoreDeleted: true), recorded on the safety snapshot that restore took: they did
-- not exist before it, so the snapshot holds no row for them, and an undo (a restore of the snapshot with
-- restoreDeleted: true) deletes them again instead of leaving them behind. Written in the restore's own transaction,
-- from the rows its INSERT actually created (RETURNING), never from a prediction. Only safety snapshots have rows here.
-- player_existed and the player_* columns: the wallet's players row as it was before the restore, if it had one (a
-- player may outlive its mining row); the undo puts those values back instead of deleting the row.
-- Goes with its safety snapshot: deleting the backup (or cleaning it up) deletes its rows.
CREATE TABLE restore_recreated_wallets (
    backup_id           bigint NOT NULL REFERENCES gold_backups (id) ON DELETE CASCADE,
    wallet_address      text COLLATE "C" NOT NULL,
    player_existed      boolean NOT NULL,
    player_level        integer,
    player_experience   bigint,
    player_bank_balance double precision,
    PRIMARY KEY (backup_id, wallet_address),
    CONSTRAINT restore_recreated_wallets_player_valid CHECK (NOT player_existed OR player_level IS NOT NULL)
);

-- What a restore re-created and deleted, and the re-created wallets an undo left in place (they own meks now, or the
-- undo did not ask for restoreDeleted), with the warnings that say so.
ALTER TABLE restore_runs
    ADD COLUMN wallets_recreated bigint,
    ADD COLUMN wallets_deleted bigint,
    ADD COLUMN recreated_wallets_kept bigint,
    ADD COLUMN warnings text[];
