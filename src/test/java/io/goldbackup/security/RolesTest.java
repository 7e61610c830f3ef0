package io.goldbackup.security;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RolesTest {

    @Test
    void anAdminIsAlsoAnOperatorAndAViewer() {
        assertEquals(Set.of(Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER), Roles.withImplied(Set.of(Roles.ADMIN)));
    }

    @Test
    void anOperatorIsAlsoAViewerButNotAnAdmin() {
        assertEquals(Set.of(Roles.OPERATOR, Roles.VIEWER), Roles.withImplied(Set.of(Roles.OPERATOR)));
    }

    @Test
    void aViewerIsOnlyAViewer() {
        assertEquals(Set.of(Roles.VIEWER), Roles.withImplied(Set.of(Roles.VIEWER)));
    }

    @Test
    void otherRolesAreKeptAndImplyNothing() {
        assertEquals(Set.of(), Roles.withImplied(Set.of()));
        assertEquals(Set.of("offline_access"), Roles.withImplied(Set.of("offline_access")));
        assertEquals(Set.of("offline_access", Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER),
                Roles.withImplied(Set.of("offline_access", Roles.ADMIN)));
    }

    @Test
    void rolesAreMatchedExactly() {
        assertEquals(Set.of("Backup-Admin"), Roles.withImplied(Set.of("Backup-Admin")));
        assertEquals(Set.of("backup-admin "), Roles.withImplied(Set.of("backup-admin ")));
    }

    @Test
    void theRoleNamesAreTheRealmRoles() {
        assertEquals("backup-viewer", Roles.VIEWER);
        assertEquals("backup-operator", Roles.OPERATOR);
        assertEquals("backup-admin", Roles.ADMIN);
    }
}
