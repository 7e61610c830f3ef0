package io.goldbackup.backup;

import java.util.Arrays;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.goldbackup.web.InvalidInputException;

/** The seed's five backup types, spelled on the wire and in the database exactly as the seed spells them. */
public enum BackupType {
    AUTO_DAILY("auto_daily", "Auto Daily"), MANUAL("manual", "Manual"), PRE_UPDATE("pre_update",
            "Pre-update"), PRE_MIGRATION("pre_migration", "Pre-migration"), EMERGENCY("emergency", "Emergency");

    private static final String ALLOWED = Arrays.stream(values()).map(BackupType::wire)
            .collect(Collectors.joining(", "));

    private final String wire;
    private final String namePrefix;

    BackupType(String wire, String namePrefix) {
        this.wire = wire;
        this.namePrefix = namePrefix;
    }

    /** The value in JSON and in {@code gold_backups.backup_type}. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The prefix of the seed's naming pattern, such as "Pre-update" in "Pre-update [Description]". */
    public String namePrefix() {
        return namePrefix;
    }

    /** The type spelled {@code value}; a 400 naming {@code field} for anything else. */
    public static BackupType fromWire(String field, String value) {
        for (BackupType type : values()) {
            if (type.wire.equals(value)) {
                return type;
            }
        }
        throw new InvalidInputException(field, "must be one of " + ALLOWED);
    }

    @JsonCreator
    static BackupType fromJson(String value) {
        return fromWire("backupType", value);
    }
}
