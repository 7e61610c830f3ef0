package io.goldbackup.testsupport;

import java.util.Set;

import io.goldbackup.security.Roles;
import io.smallrye.jwt.build.Jwt;

/** Real RS256-signed tokens, verified by the service against the test OIDC server's published keys. */
public final class Tokens {

    public static final String ISSUER = "https://server.example.com";
    public static final String AUDIENCE = "gold-backup-api";

    private Tokens() {
    }

    /** A token for subject {@code subject} with the given realm roles. */
    public static String forRoles(String subject, String... roles) {
        return Jwt.subject(subject).preferredUserName(subject + "-name").groups(Set.of(roles)).issuer(ISSUER)
                .audience(AUDIENCE).sign();
    }

    public static String viewer() {
        return forRoles("viewer-1", Roles.VIEWER);
    }

    public static String operator() {
        return forRoles("operator-1", Roles.OPERATOR);
    }

    public static String admin() {
        return forRoles("admin-1", Roles.ADMIN);
    }

    /** Authenticated, but with none of the service's roles. */
    public static String noRoles() {
        return forRoles("nobody-1", "some-other-role");
    }
}
