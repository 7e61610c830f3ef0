package io.goldbackup.backup;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A Panache condition on a backup's type, status, name and time, with bound parameters: the filter of the backup list and the
 * console's backup page.
 *
 * @param query the HQL condition
 * @param params its named parameters
 */
record BackupFilter(String query, Map<String, Object> params) {

    static BackupFilter of(Optional<BackupType> type, Optional<BackupStatus> status) {
        return of(BackupSearch.of(type, status));
    }

    static BackupFilter of(BackupSearch search) {
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        search.type().ifPresent(t -> {
            query.append(" and backupType = :type");
            params.put("type", t.wire());
        });
        search.status().ifPresent(s -> {
            query.append(" and status = :status");
            params.put("status", s.wire());
        });
        search.name().ifPresent(n -> {
            // The text as typed: its % and _ match themselves, not any characters.
            query.append(" and lower(backupName) like lower(:name) escape '\\'");
            params.put("name", "%" + n.replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
        });
        search.from().ifPresent(f -> {
            query.append(" and backupTimestamp >= :from");
            params.put("from", f);
        });
        search.to().ifPresent(t -> {
            query.append(" and backupTimestamp < :to");
            params.put("to", t);
        });
        return new BackupFilter(query.toString(), Map.copyOf(params));
    }
}
