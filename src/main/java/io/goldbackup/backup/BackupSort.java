package io.goldbackup.backup;

import java.util.Arrays;
import java.util.stream.Collectors;

import io.goldbackup.web.InvalidInputException;

/** The columns a list of backups sorts by; ties are broken by id, so pages never overlap. */
public enum BackupSort {
    TIME("time", "backupTimestamp"), NAME("name", "backupName"), TYPE("type", "backupType"), STATUS("status",
            "status"), WALLETS("wallets", "totalUsersBackedUp"), SIZE("size", "sizeBytes"), DURATION("duration",
                    "durationMs");

    private static final String ALLOWED = Arrays.stream(values()).map(BackupSort::wire)
            .collect(Collectors.joining(", "));

    private final String wire;
    private final String property;

    BackupSort(String wire, String property) {
        this.wire = wire;
        this.property = property;
    }

    /** The value in a query string. */
    public String wire() {
        return wire;
    }

    String property() {
        return property;
    }

    /** The sort spelled {@code value}, or {@link #TIME} when absent; a 400 naming {@code field} otherwise. */
    public static BackupSort fromWire(String field, String value) {
        if (value == null || value.isBlank()) {
            return TIME;
        }
        for (BackupSort sort : values()) {
            if (sort.wire.equals(value)) {
                return sort;
            }
        }
        throw new InvalidInputException(field, "must be one of " + ALLOWED);
    }
}
