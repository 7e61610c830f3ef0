package io.goldbackup.testsupport;

import java.io.IOException;
import java.net.URL;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.htmlunit.FailingHttpStatusCodeException;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.SilentCssErrorHandler;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSubmitInput;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.smallrye.jwt.build.Jwt;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * A browser (HtmlUnit, scripts off) signed in to the console through the authorization-code flow of the test OIDC
 * server: the console redirects to the server's login page, the form is filled in and sent, the server redirects
 * back with a code, and the service exchanges it for tokens at the server's token endpoint. The WireMock server's
 * own stubs answer every login as one fixed user; {@link #signIn} adds stubs for the user asked for, with their
 * roles in the access token's {@code groups} and their name in the ID token, both signed with the server's key.
 */
public final class ConsoleBrowser implements AutoCloseable {

    private static final AtomicInteger LOGINS = new AtomicInteger();

    private final WebClient client;
    private final String base;

    private ConsoleBrowser(WebClient client, String base) {
        this.client = client;
        this.base = base;
    }

    /** A browser with no session. */
    public static ConsoleBrowser anonymous(URL console) {
        WebClient client = new WebClient();
        client.getOptions().setJavaScriptEnabled(false);
        client.getOptions().setCssEnabled(false);
        client.getOptions().setThrowExceptionOnFailingStatusCode(false);
        client.getOptions().setRedirectEnabled(true);
        client.setCssErrorHandler(new SilentCssErrorHandler());
        String url = console.toString();
        return new ConsoleBrowser(client, url.substring(0, url.indexOf("/console")));
    }

    /**
     * Signs in as {@code subject} (preferred user name {@code subject + "-name"}) with {@code roles}, and answers
     * the dashboard.
     */
    public static ConsoleBrowser signIn(WireMockServer oidc, URL console, String subject, String... roles) {
        String code = "code-" + subject + "-" + LOGINS.incrementAndGet();
        oidc.stubFor(get(urlPathEqualTo("/login")).withQueryParam("username", equalTo(subject))
                .willReturn(aResponse().withStatus(302)
                        .withHeader("Location", "{{request.query.redirect_uri}}?state={{request.query.state}}&code="
                                + code)
                        .withTransformers("response-template")));
        String accessToken = Jwt.subject(subject).preferredUserName(subject + "-name").groups(Set.of(roles))
                .issuer(Tokens.ISSUER).audience(Tokens.AUDIENCE).claim("typ", "Bearer").jws().keyId("1").sign();
        String idToken = Jwt.subject(subject).preferredUserName(subject + "-name").issuer(Tokens.ISSUER)
                .audience(Tokens.AUDIENCE).claim("typ", "ID").jws().keyId("1").sign();
        oidc.stubFor(post(urlEqualTo("/auth/realms/quarkus/token")).withRequestBody(containing("code=" + code))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"" + accessToken + "\",\"id_token\":\"" + idToken
                                + "\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
        ConsoleBrowser browser = anonymous(console);
        try {
            HtmlPage login = browser.client.getPage(console);
            HtmlForm form = login.getFormByName("form");
            form.<HtmlInput>getInputByName("username").setValue(subject);
            form.<HtmlInput>getInputByName("password").setValue(subject);
            Page landed = form.<HtmlSubmitInput>getInputByValue("login").click();
            int status = landed.getWebResponse().getStatusCode();
            if (status != 200 || !landed.getUrl().getPath().startsWith("/console")) {
                throw new IllegalStateException("sign-in of " + subject + " ended with " + status + " at "
                        + landed.getUrl());
            }
            return browser;
        } catch (IOException | FailingHttpStatusCodeException e) {
            browser.close();
            throw new IllegalStateException("sign-in of " + subject + " failed", e);
        }
    }

    /** A console page, {@code path} from the service's root such as {@code /console/backups}. */
    public HtmlPage page(String path) {
        try {
            Page page = client.getPage(base + path);
            if (page instanceof HtmlPage html) {
                return html;
            }
            throw new IllegalStateException(path + " answered " + page.getWebResponse().getStatusCode() + " "
                    + page.getWebResponse().getContentType());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Any answer, HTML or not, without following a redirect. */
    public WebResponse fetch(String path) {
        return send(HttpMethod.GET, path, null, null, "text/html");
    }

    /**
     * A request as the console's script sends it: JSON, with {@code csrfToken} in the X-CSRF-TOKEN header when
     * not null, and the session and CSRF cookies this browser holds.
     */
    public WebResponse send(HttpMethod method, String path, String json, String csrfToken) {
        return send(method, path, json, csrfToken, "application/json");
    }

    /** A request for an HTML fragment as the console's script sends it: as {@link #send}, accepting HTML. */
    public WebResponse fragment(HttpMethod method, String path, String json, String csrfToken) {
        return send(method, path, json, csrfToken, "text/html, application/problem+json");
    }

    /** {@link #send} with more request headers, such as the create page's {@code Idempotency-Key}. */
    public WebResponse send(HttpMethod method, String path, String json, String csrfToken,
            java.util.Map<String, String> headers) {
        return send(method, path, json, csrfToken, "application/json", headers);
    }

    /** A poll as the live scripts send it: GET accepting HTML, with {@code ifNoneMatch} as If-None-Match. */
    public WebResponse conditional(String path, String ifNoneMatch) {
        return send(HttpMethod.GET, path, null, null, "text/html", java.util.Map.of("If-None-Match", ifNoneMatch));
    }

    private WebResponse send(HttpMethod method, String path, String json, String csrfToken, String accept) {
        return send(method, path, json, csrfToken, accept, java.util.Map.of());
    }

    private WebResponse send(HttpMethod method, String path, String json, String csrfToken, String accept,
            java.util.Map<String, String> headers) {
        try {
            WebRequest request = new WebRequest(new URL(base + path), method);
            headers.forEach(request::setAdditionalHeader);
            request.setAdditionalHeader("Accept", accept);
            request.setAdditionalHeader("X-Requested-With", "JavaScript");
            if (csrfToken != null) {
                request.setAdditionalHeader("X-CSRF-TOKEN", csrfToken);
            }
            if (json != null) {
                request.setAdditionalHeader("Content-Type", "application/json");
                request.setRequestBody(json);
            }
            boolean redirects = client.getOptions().isRedirectEnabled();
            client.getOptions().setRedirectEnabled(false);
            try {
                return client.loadWebResponse(request);
            } finally {
                client.getOptions().setRedirectEnabled(redirects);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CSRF token a page with controls carries in its forms. */
    public String csrfToken(String path) {
        HtmlInput field = page(path).querySelector("input[name=csrf-token]");
        if (field == null) {
            throw new IllegalStateException(path + " carries no CSRF token");
        }
        return field.getValue();
    }

    /**
     * The value of the CSRF cookie, which a page with controls also puts in its forms: for a user whose pages have
     * no controls, to show that the server refuses what the role may not do even with a valid token.
     */
    public String csrfCookie() {
        page("/console/restore");
        return client.getCookieManager().getCookies().stream().filter(c -> c.getName().equals("csrf-token"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no CSRF cookie")).getValue();
    }

    /** The cookies this browser holds, by name: the console's session cookies among them. */
    public java.util.Map<String, String> cookies() {
        java.util.Map<String, String> cookies = new java.util.TreeMap<>();
        client.getCookieManager().getCookies().forEach(c -> cookies.put(c.getName(), c.getValue()));
        return cookies;
    }

    @Override
    public void close() {
        client.close();
    }
}
