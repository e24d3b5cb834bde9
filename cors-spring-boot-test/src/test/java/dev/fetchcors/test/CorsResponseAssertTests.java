package dev.fetchcors.test;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static dev.fetchcors.test.CorsAssertions.assertThatCors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Every assertion, passing on a response built to satisfy it and failing on one built to break it. */
class CorsResponseAssertTests {

    static final String APP = "https://app.example.com";

    static final String EVIL = "https://evil.example";

    static final BrowserRequest PUT = BrowserRequest.from(APP).to("PUT", "/api/orders/1")
        .header("Content-Type", "application/json")
        .header("X-Request-Id", "1");

    @Test
    void allowsOrigin() {
        assertThatCors(200, "Access-Control-Allow-Origin", APP, "Vary", "Origin").allowsOrigin(APP);
        assertThatCors(200, "Access-Control-Allow-Origin", "*").allowsOrigin(APP);
        assertFails(() -> assertThatCors(200).allowsOrigin(APP), "would block it: the response has no "
                + "Access-Control-Allow-Origin");
        assertFails(() -> assertThatCors(200, "Access-Control-Allow-Origin", EVIL).allowsOrigin(APP),
                "is 'https://evil.example', not the page's origin 'https://app.example.com'");
        assertFails(() -> assertThatCors(200, "Access-Control-Allow-Origin", APP, "Access-Control-Allow-Origin", APP)
            .allowsOrigin(APP), "has several values");
        assertFails(() -> assertThatCors(200, "Access-Control-Allow-Origin", APP + ", " + EVIL).allowsOrigin(APP),
                "has several values");
    }

    @Test
    void allowsOriginWithCredentials() {
        assertThatCors(200, "Access-Control-Allow-Origin", APP, "Access-Control-Allow-Credentials", "true")
            .allowsOriginWithCredentials(APP);
        assertFails(() -> assertThatCors(200, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Credentials",
                "true").allowsOriginWithCredentials(APP), "with credentials, a browser takes '*' literally");
        assertFails(() -> assertThatCors(200, "Access-Control-Allow-Origin", APP).allowsOriginWithCredentials(APP),
                "Access-Control-Allow-Credentials is missing, not 'true'");
        assertFails(() -> assertThatCors(200, "Access-Control-Allow-Origin", APP, "Access-Control-Allow-Credentials",
                "TRUE").allowsOriginWithCredentials(APP), "is 'TRUE', not 'true'");
    }

    @Test
    void refusesOriginAndCredentials() {
        assertThatCors(200, "Vary", "Origin").refusesOrigin(EVIL);
        assertThatCors(200, "Access-Control-Allow-Origin", APP).refusesOrigin(EVIL);
        assertFails(() -> assertThatCors(200, "Access-Control-Allow-Origin", "*").refusesOrigin(EVIL),
                "Expected a browser to keep the response from a script on https://evil.example, but it would let");
        assertThatCors(200, "Access-Control-Allow-Origin", "*").refusesCredentialsFrom(APP);
        assertFails(() -> assertThatCors(200, "Access-Control-Allow-Origin", APP, "Access-Control-Allow-Credentials",
                "true").refusesCredentialsFrom(APP), "keep a credentialed response");
    }

    @Test
    void allowsAndRefusesPreflights() {
        assertThatCors(204, "Access-Control-Allow-Origin", APP, "Access-Control-Allow-Methods", "PUT",
                "Access-Control-Allow-Headers", "content-type,x-request-id").allowsPreflightOf(PUT);
        assertThatCors(204, "Access-Control-Allow-Origin", APP, "Access-Control-Allow-Methods", "*",
                "Access-Control-Allow-Headers", "*").allowsPreflightOf(PUT);
        assertThatCors(403).refusesPreflightOf(PUT);
        assertFails(() -> assertThatCors(403).allowsPreflightOf(PUT), "the preflight's status 403 is not an ok status");
        assertFails(() -> assertThatCors(204, "Access-Control-Allow-Origin", APP, "Access-Control-Allow-Methods", "GET",
                "Access-Control-Allow-Headers", "content-type,x-request-id").allowsPreflightOf(PUT),
                "the method PUT is not in Access-Control-Allow-Methods (GET)");
        assertFails(() -> assertThatCors(204, "Access-Control-Allow-Origin", APP, "Access-Control-Allow-Methods", "PUT",
                "Access-Control-Allow-Headers", "content-type").allowsPreflightOf(PUT),
                "the request header x-request-id is not in Access-Control-Allow-Headers (content-type)");
        // With credentials, '*' is a literal name (Fetch).
        BrowserRequest credentialed = PUT.withCredentials();
        assertFails(() -> assertThatCors(204, "Access-Control-Allow-Origin", APP, "Access-Control-Allow-Credentials",
                "true", "Access-Control-Allow-Methods", "*", "Access-Control-Allow-Headers", "*")
            .allowsPreflightOf(credentialed), "with credentials '*' is literal");
        // '*' never covers Authorization.
        BrowserRequest authorized = BrowserRequest.from(APP).to("GET", "/api").header("Authorization", "Bearer x");
        assertFails(() -> assertThatCors(204, "Access-Control-Allow-Origin", APP, "Access-Control-Allow-Headers", "*")
            .allowsPreflightOf(authorized), "Authorization is not listed");
        assertFails(() -> assertThatCors(204, "Access-Control-Allow-Origin", APP, "Access-Control-Allow-Methods",
                "PUT", "Access-Control-Allow-Headers", "content-type,x-request-id").refusesPreflightOf(PUT),
                "Expected the preflight to stop the browser from sending PUT /api/orders/1");
    }

    @Test
    void exposedHeaders() {
        assertThatCors(200, "Access-Control-Allow-Origin", APP, "Access-Control-Expose-Headers", "X-Total-Count")
            .exposes("X-Total-Count", "Content-Type")
            .doesNotExpose("X-Secret");
        assertThatCors(200, "Access-Control-Allow-Origin", "*", "Access-Control-Expose-Headers", "*")
            .exposes("X-Anything");
        assertFails(() -> assertThatCors(200, "Access-Control-Allow-Origin", APP).exposes("X-Total-Count"),
                "the browser would hide it: Access-Control-Expose-Headers does not list it");
        assertFails(() -> assertThatCors(200, "Access-Control-Allow-Origin", APP, "Access-Control-Allow-Credentials",
                "true", "Access-Control-Expose-Headers", "*").exposes("X-Anything"), "would hide it");
        assertFails(() -> assertThatCors(200, "Access-Control-Expose-Headers", "X-Secret").doesNotExpose("X-Secret"),
                "Expected the browser to hide the response header X-Secret");
    }

    @Test
    void preflightCaching() {
        assertThatCors(204, "Access-Control-Max-Age", "600").cachesPreflightFor(Duration.ofMinutes(10));
        assertThatCors(204).cachesPreflightFor(Duration.ofSeconds(5));
        assertFails(() -> assertThatCors(204, "Access-Control-Max-Age", "600").cachesPreflightFor(Duration.ofHours(1)),
                "cache this preflight for 3600s, but it would cache it for 600s");
        assertFails(() -> assertThatCors(204).cachesPreflightFor(Duration.ofHours(1)),
                "(no Access-Control-Max-Age: Fetch's default)");
    }

    @Test
    void hygieneFailuresAreNamed() {
        assertThatCors(200, "Access-Control-Allow-Origin", APP, "Vary", "Accept-Encoding, Origin").isWellFormed();
        assertThatCors(200, "Access-Control-Allow-Origin", "*").isWellFormed();
        assertFails(() -> assertThatCors(200, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Origin", APP,
                "Vary", "Origin").isWellFormed(), "Access-Control-Allow-Origin is sent 2 times");
        assertFails(() -> assertThatCors(200, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Credentials",
                "true").isWellFormed(), "'*' with Access-Control-Allow-Credentials 'true'");
        assertFails(() -> assertThatCors(200, "Access-Control-Allow-Origin", APP).isWellFormed(),
                "without Vary: Origin, so a shared cache can serve this answer to another origin");
        assertFails(() -> assertThatCors(200, "Access-Control-Allow-Origin", APP, "Access-Control-Allow-Credentials",
                "true", "Access-Control-Expose-Headers", "*", "Vary", "Origin").isWellFormed(),
                "literally named '*'");
        assertThatCors(200, "Vary", "Origin").hasNoCorsHeaders();
        assertFails(() -> assertThatCors(200, "Access-Control-Allow-Origin", "*").hasNoCorsHeaders(),
                "Expected no CORS headers");
    }

    @Test
    void browserRequestsSayWhatTheBrowserSends() {
        assertThat(PUT.isPreflighted()).isTrue();
        assertThat(PUT.preflightHeaders()).containsEntry("Origin", APP)
            .containsEntry("Access-Control-Request-Method", "PUT")
            .containsEntry("Access-Control-Request-Headers", "content-type,x-request-id");
        BrowserRequest simple = BrowserRequest.from(APP).to("post", "/form").header("Content-Type", "text/plain");
        assertThat(simple.method()).isEqualTo("POST");
        assertThat(simple.isPreflighted()).isFalse();
        assertThat(BrowserRequest.from(APP).to("patch", "/x").method()).isEqualTo("patch");
        assertThat(PUT.requestHeaders()).containsEntry("Origin", APP).containsEntry("X-Request-Id", "1");
    }

    private static void assertFails(Runnable assertion, String message) {
        assertThatExceptionOfType(AssertionError.class).isThrownBy(assertion::run).withMessageContaining(message);
    }

}
