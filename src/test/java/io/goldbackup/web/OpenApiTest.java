package io.goldbackup.web;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;

@QuarkusTest
class OpenApiTest {

    @Test
    void everyEndpointIsDescribedWithItsRoleAndErrors() {
        var doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200);
        for (String path : new String[]{"/api/v1/backups", "/api/v1/backups/{id}", "/api/v1/backups/{id}/wallets",
                "/api/v1/backups/{id}/verify", "/api/v1/wallets/{walletAddress}/backups", "/api/v1/stats"}) {
            doc.body("paths", hasKey(path));
        }
        doc.body("paths.'/api/v1/backups'.post.summary", containsString("backup-operator"))
                .body("paths.'/api/v1/backups/{id}'.delete.summary", containsString("backup-admin"))
                .body("paths.'/api/v1/backups'.post.responses", hasKey("400"))
                .body("paths.'/api/v1/backups'.post.responses", hasKey("401"))
                .body("paths.'/api/v1/backups'.post.responses", hasKey("403"))
                .body("components.securitySchemes", hasKey("oidc"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
