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

    /** An admin token that expired an hour ago. */
    public static String expired() {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.subject("admin-1").groups(Set.of(Roles.ADMIN)).issuer(ISSUER).audience(AUDIENCE)
                .issuedAt(now - 7200).expiresAt(now - 3600).sign();
    }

    /** An admin token signed by a key the provider never published. */
    public static String signedByAnotherKey() {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.subject("admin-1").groups(Set.of(Roles.ADMIN)).issuer(ISSUER).audience(AUDIENCE)
                    .jws().keyId("1").sign(generator.generateKeyPair().getPrivate());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An admin token, correctly signed, from another issuer. */
    public static String fromAnotherIssuer() {
        return Jwt.subject("admin-1").groups(Set.of(Roles.ADMIN)).issuer("https://evil.example.com")
                .audience(AUDIENCE).sign();
    }

    /** An admin token, correctly signed, for another audience. */
    public static String forAnotherAudience() {
        return Jwt.subject("admin-1").groups(Set.of(Roles.ADMIN)).issuer(ISSUER).audience("some-other-api").sign();
    }

    /** Authenticated, but with none of the service's roles. */
    public static String noRoles() {
        return forRoles("nobody-1", "some-other-role");
    }
}
