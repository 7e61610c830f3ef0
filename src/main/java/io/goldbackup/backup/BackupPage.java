package io.goldbackup.backup;

import java.util.List;

/**
 * One page of a sorted, filtered list of backups.
 *
 * @param items the backups on this page
 * @param page the page's index, from 0
 * @param size the most backups a page holds
 * @param total the backups that match the filters, on all pages
 */
public record BackupPage(List<BackupSummary> items, int page, int size, long total) {

    /** How many pages the matching backups fill (at least one, empty as it may be). */
    public int pageCount() {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return page + 1 < pageCount();
    }
}
