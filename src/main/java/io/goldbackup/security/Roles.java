package io.goldbackup.security;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The three realm roles. An admin may do all an operator may, and an operator all a viewer may: the hierarchy is
 * applied once, when the token is read ({@link RoleHierarchyAugmentor}), so endpoints name the least role they need.
 */
public final class Roles {

    /** Reads backups, restores, statistics. */
    public static final String VIEWER = "backup-viewer";
    /** Creates and verifies backups, runs dry runs and jobs, reads the audit trail. */
    public static final String OPERATOR = "backup-operator";
    /** Restores, deletes, cleans up. */
    public static final String ADMIN = "backup-admin";

    private Roles() {
    }

    /** {@code granted} plus every role it includes. */
    public static Set<String> withImplied(Set<String> granted) {
        Set<String> all = new LinkedHashSet<>(granted);
        if (all.contains(ADMIN)) {
            all.add(OPERATOR);
        }
        if (all.contains(OPERATOR)) {
            all.add(VIEWER);
        }
        return all;
    }
}
