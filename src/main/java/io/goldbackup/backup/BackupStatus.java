package io.goldbackup.backup;

import java.util.Arrays;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonValue;

import io.goldbackup.web.InvalidInputException;

/**
 * A backup is {@code running} while its snapshot is taken, then {@code completed} or {@code failed}. A completed backup
 * that fails a verification (its rows or its seal do not match) becomes {@code corrupt}: kept by every cleanup, restored
 * from only when an admin forces it; passing a later verification makes it {@code completed} again.
 */
public enum BackupStatus {
    RUNNING("running"), COMPLETED("completed"), FAILED("failed"), CORRUPT("corrupt");

    private static final String ALLOWED = Arrays.stream(values()).map(BackupStatus::wire)
            .collect(Collectors.joining(", "));

    private final String wire;

    BackupStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public static BackupStatus fromWire(String field, String value) {
        for (BackupStatus status : values()) {
            if (status.wire.equals(value)) {
                return status;
            }
        }
        throw new InvalidInputException(field, "must be one of " + ALLOWED);
    }
}
