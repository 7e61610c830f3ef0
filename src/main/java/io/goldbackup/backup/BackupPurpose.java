package io.goldbackup.backup;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why a backup exists: {@code backup}, taken to be kept, or {@code restore_safety}, the snapshot a restore takes of
 * the wallets it overwrites so that it can be undone. Safety snapshots are restorable like any backup but never count
 * toward the health indicators, the statistics, the last-success metric or the chart.
 */
public enum BackupPurpose {
    BACKUP("backup"), RESTORE_SAFETY("restore_safety");

    private final String wire;

    BackupPurpose(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    static BackupPurpose fromWire(String value) {
        for (BackupPurpose purpose : values()) {
            if (purpose.wire.equals(value)) {
                return purpose;
            }
        }
        throw new IllegalStateException("unknown backup purpose " + value);
    }
}
