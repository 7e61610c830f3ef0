package io.goldbackup.console;

import java.util.List;

import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.goldbackup.testsupport.ConsoleBrowser;
import io.goldbackup.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console's drill page: the drill log with every invariant and the recovery time against the objective. */
@QuarkusTest
class ConsoleDrillsTest extends ConsoleFixture {

    @AfterEach
    void clear() {
        db.execute("DELETE FROM drills");
    }

    @Test
    void aViewerSeesEachDrillWithItsInvariantsAndItsRecoveryTimeAgainstTheObjective() {
        db.execute("DELETE FROM drills");
        db.seed(1, 20);
        long backup = backupViaApi();
        long drill = given().auth().oauth2(Tokens.operator()).contentType("application/json").body("{}")
                .post("/api/v1/drills").then().statusCode(201).extract().jsonPath().getLong("id");
        try (ConsoleBrowser browser = viewer()) {
            HtmlPage page = browser.page("/console/drills");
            assertNotNull(page.getElementById("nav-drills"));
            assertEquals("1 h", page.getElementById("recovery-objective").getTextContent());
            DomElement row = page.getElementById("drill-" + drill);
            assertNotNull(row, page.asXml());
            String text = row.getTextContent();
            assertTrue(text.contains("#" + backup) && text.contains("passed"), text);
            List<String> invariants = row.getElementsByTagName("li").stream().map(DomElement::getTextContent)
                    .toList();
            assertEquals(6, invariants.size(), invariants.toString());
            assertTrue(invariants.stream().allMatch(i -> i.contains(": OK.")), invariants.toString());
            assertTrue(page.getElementById("drill-" + drill + "-recovery").getTextContent().contains("within 1 h"));
            // A read-only page loads only the "running now" strip's script.
            assertEquals(List.of("/console/assets/live.js"), page.getElementsByTagName("script").stream()
                    .map(s -> s.getAttribute("src")).toList());
        }
    }

    @Test
    void aBadCursorIsAnHtmlPageNamingIt() {
        try (ConsoleBrowser browser = viewer()) {
            var response = browser.fetch("/console/drills?before=abc");
            assertEquals(400, response.getStatusCode());
            assertTrue(response.getContentAsString().contains("before"));
        }
    }
}
