package io.goldbackup.backup;

import java.time.Instant;
import java.util.Optional;

/**
 * Which backups a list shows: of one type, one status, whose name contains a text (any case), taken in a time range;
 * each optional.
 *
 * @param name a part of the name, matched without regard to case
 * @param from taken at or after this instant
 * @param to taken before this instant
 */
public record BackupSearch(Optional<BackupType> type, Optional<BackupStatus> status, Optional<String> name,
        Optional<Instant> from, Optional<Instant> to) {

    /** Backups of a type and a status only, as the API's list filters them. */
    public static BackupSearch of(Optional<BackupType> type, Optional<BackupStatus> status) {
        return new BackupSearch(type, status, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
