package io.goldbackup.backup;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A Panache condition on a backup's type and status, with bound parameters: the filter of the backup list and the
 * console's backup page.
 *
 * @param query the HQL condition
 * @param params its named parameters
 */
record BackupFilter(String query, Map<String, Object> params) {

    static BackupFilter of(Optional<BackupType> type, Optional<BackupStatus> status) {
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        type.ifPresent(t -> {
            query.append(" and backupType = :type");
            params.put("type", t.wire());
        });
        status.ifPresent(s -> {
            query.append(" and status = :status");
            params.put("status", s.wire());
        });
        return new BackupFilter(query.toString(), Map.copyOf(params));
    }
}
