-- A backup's checksum as a hash tree (README, "Checking a checksum yourself"): from snapshot version 2 on, the wallets in
-- address order fall into ranges of 64, each range has its SHA-256 over its rows' canonical text, and the backup's
-- checksum is the SHA-256 of the ranges' hex digests, one per line. The ranges are kept here, so that a restore or dry
-- run of a few wallets checks only the ranges that hold them (milliseconds) instead of every row of the backup.
-- Range k holds the addresses after range k-1's last_address up to its own (the first range has no lower bound, the
-- last no upper one): together they tile every address, so any wallet, in the backup or not, falls in exactly one.
-- The rows here are not trusted on their own: their digests must hash to the backup's checksum, which its seal covers.
-- Backups of version 1 (taken before) have no ranges: their flat checksum stays as it was and verifies as before.
CREATE TABLE gold_backup_ranges (
    backup_id    bigint  NOT NULL REFERENCES gold_backups (id) ON DELETE CASCADE,
    range_no     integer NOT NULL CONSTRAINT gold_backup_ranges_no_valid CHECK (range_no >= 0),
    last_address text COLLATE "C" NOT NULL,
    wallets      integer NOT NULL CONSTRAINT gold_backup_ranges_wallets_valid CHECK (wallets > 0),
    sha256       bytea   NOT NULL CONSTRAINT gold_backup_ranges_sha256_valid CHECK (length(sha256) = 32),
    PRIMARY KEY (backup_id, range_no)
);

-- A restore of named wallets finds the range of each by its last address: one index probe per wallet.
CREATE UNIQUE INDEX gold_backup_ranges_last_address_idx ON gold_backup_ranges (backup_id, last_address);
