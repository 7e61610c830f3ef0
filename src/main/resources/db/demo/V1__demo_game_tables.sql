-- A demo copy of the game's own tables, for dev mode, the tests and the benchmark only: production never loads
-- this location (quarkus.flyway.locations), because there the tables belong to the game and already exist.
-- Their names and these columns are fixed by the game and its tools; the service reads them for a backup and
-- writes them in a restore. They live in the game's schema (gold-backup.live.schema), not the service's.
-- Wallet addresses sort and compare byte-wise (COLLATE "C"): bech32 is lower-case ASCII, and byte order makes
-- the joins, sorts and indexes over a million addresses cheap.

CREATE SCHEMA IF NOT EXISTS "${live_schema}";

CREATE TABLE "${live_schema}".gold_mining (
    wallet_address                text COLLATE "C" PRIMARY KEY,
    accumulated_gold              double precision NOT NULL DEFAULT 0
        CONSTRAINT gold_mining_accumulated_gold_valid CHECK (accumulated_gold >= 0 AND accumulated_gold < 'Infinity'),
    total_gold_per_hour           double precision NOT NULL DEFAULT 0
        CONSTRAINT gold_mining_total_gold_per_hour_valid CHECK (total_gold_per_hour >= 0 AND total_gold_per_hour < 'Infinity'),
    last_snapshot_time            timestamptz,
    last_active_time              timestamptz,
    is_blockchain_verified        boolean NOT NULL DEFAULT false,
    consecutive_snapshot_failures integer NOT NULL DEFAULT 0
        CONSTRAINT gold_mining_failures_valid CHECK (consecutive_snapshot_failures >= 0),
    created_at                    timestamptz NOT NULL DEFAULT now(),
    updated_at                    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE "${live_schema}".owned_meks (
    wallet_address text COLLATE "C" NOT NULL
        CONSTRAINT owned_meks_wallet_fk REFERENCES "${live_schema}".gold_mining (wallet_address) ON DELETE CASCADE,
    asset_id       text COLLATE "C" NOT NULL,
    policy_id      text,
    asset_name     text,
    gold_per_hour  double precision NOT NULL DEFAULT 0
        CONSTRAINT owned_meks_gold_per_hour_valid CHECK (gold_per_hour >= 0 AND gold_per_hour < 'Infinity'),
    PRIMARY KEY (wallet_address, asset_id)
);

-- A player row may exist before the wallet mines (the game registers players first), so players carries
-- no foreign key to gold_mining; a backup takes a player's figures for every mining wallet that has them.
CREATE TABLE "${live_schema}".players (
    wallet_address text COLLATE "C" PRIMARY KEY,
    level          integer NOT NULL DEFAULT 1 CONSTRAINT players_level_valid CHECK (level >= 0),
    experience     bigint NOT NULL DEFAULT 0 CONSTRAINT players_experience_valid CHECK (experience >= 0),
    bank_balance   double precision NOT NULL DEFAULT 0
        CONSTRAINT players_bank_balance_valid CHECK (bank_balance >= 0 AND bank_balance < 'Infinity')
);
