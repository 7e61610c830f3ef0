-- The rights the Gold Backup Service needs in the game's database, and no more. Run it as the owner of the game's
-- tables (or a superuser), in the game's database, once before the first start:
--
--   psql "$GAME_DATABASE_URL" -v service_role=gold_backup -v service_schema=gold_backup -v game_schema=public \
--        -f least-privilege.sql
--
-- The service's role must already exist (CREATE ROLE gold_backup LOGIN PASSWORD '...'); it needs no CREATEDB, no
-- CREATE on the database and no ownership of anything of the game's. With these grants the service can back up,
-- preview, restore (also re-create deleted wallets), undo and clean up; it cannot DROP, ALTER or TRUNCATE a game table,
-- write a column a restore does not write, or touch owned_meks (mek ownership comes from the blockchain).
\set ON_ERROR_STOP on

-- Its own schema, which it owns: Flyway creates its tables there at start and manages nothing else.
CREATE SCHEMA IF NOT EXISTS :"service_schema" AUTHORIZATION :"service_role";

-- The game's tables: read all three (a backup; a dry run compares them).
GRANT USAGE ON SCHEMA :"game_schema" TO :"service_role";
GRANT SELECT ON :"game_schema".gold_mining, :"game_schema".owned_meks, :"game_schema".players TO :"service_role";

-- A restore writes these columns back; it re-creates a deleted wallet (INSERT) only when asked (restoreDeleted), and
-- DELETE exists only so that an undo can remove a wallet a restore re-created.
GRANT UPDATE (accumulated_gold, total_gold_per_hour, last_snapshot_time, updated_at)
    ON :"game_schema".gold_mining TO :"service_role";
GRANT INSERT (wallet_address, accumulated_gold, total_gold_per_hour, last_snapshot_time, last_active_time,
              created_at, updated_at)
    ON :"game_schema".gold_mining TO :"service_role";
GRANT UPDATE (level, experience, bank_balance) ON :"game_schema".players TO :"service_role";
GRANT INSERT (wallet_address, level, experience, bank_balance) ON :"game_schema".players TO :"service_role";
GRANT DELETE ON :"game_schema".gold_mining, :"game_schema".players TO :"service_role";
