package dev.fetchcors.core;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one list of the protocol's header names, spelled here a second time, literally, as the Fetch standard spells
 * them: every other test uses the list, so this is where a misspelt name is caught.
 */
class CorsHeadersTests {

    @Test
    void namesAreSpelledAsTheFetchStandardSpellsThem() {
        assertThat(CorsHeaders.RESPONSE_HEADERS).containsExactly("Access-Control-Allow-Origin",
                "Access-Control-Allow-Credentials", "Access-Control-Allow-Methods", "Access-Control-Allow-Headers",
                "Access-Control-Max-Age", "Access-Control-Expose-Headers", "Access-Control-Allow-Private-Network");
        assertThat(CorsHeaders.REQUEST_HEADERS).containsExactly("Origin", "Access-Control-Request-Method",
                "Access-Control-Request-Headers", "Access-Control-Request-Private-Network");
        assertThat(CorsHeaders.VARY).isEqualTo("Vary");
        assertThat(CorsHeaders.UPGRADE).isEqualTo("Upgrade");
    }

    @Test
    void everyHeaderTheEngineWritesIsInTheList() {
        CorsPolicy policy = CorsPolicy.compile(CorsConfig.builder()
            .allowedOrigins("https://app.example.com")
            .allowedMethods("PUT")
            .allowedHeaders("X-Request-Id")
            .exposedHeaders("X-Total-Count")
            .allowCredentials(true)
            .allowPrivateNetwork(true)
            .maxAge(Duration.ofMinutes(10))
            .build());
        CorsDecision preflight = policy.evaluate(TestRequest.of("OPTIONS", "Origin", "https://app.example.com",
                "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "x-request-id",
                "Access-Control-Request-Private-Network", "true"));
        CorsDecision actual = policy.evaluate(TestRequest.of("GET", "Origin", "https://app.example.com"));
        for (CorsDecision decision : List.of(preflight, actual)) {
            for (int i = 0; i < decision.headerCount(); i++) {
                assertThat(CorsHeaders.RESPONSE_HEADERS).contains(decision.headerName(i));
                assertThat(CorsHeaders.isResponseHeader(decision.headerName(i))).isTrue();
            }
        }
        assertThat(preflight.headerCount()).isEqualTo(CorsHeaders.RESPONSE_HEADERS.size() - 1);
    }

    @Test
    void responseHeadersAreEveryAccessControlNameInAnyCase() {
        assertThat(CorsHeaders.isResponseHeader("access-control-allow-origin")).isTrue();
        assertThat(CorsHeaders.isResponseHeader("ACCESS-CONTROL-EXPOSE-HEADERS")).isTrue();
        assertThat(CorsHeaders.isResponseHeader("Access-Control-Allow-Some-Future-Header")).isTrue();
        assertThat(CorsHeaders.isResponseHeader("Access-Control")).isFalse();
        assertThat(CorsHeaders.isResponseHeader("Vary")).isFalse();
        assertThat(CorsHeaders.isResponseHeader("X-Access-Control-Allow-Origin")).isFalse();
    }

    @Test
    void requestHeadersAreOriginAndThePreflightsQuestions() {
        assertThat(CorsHeaders.isRequestHeader("origin")).isTrue();
        assertThat(CorsHeaders.isRequestHeader("Access-Control-Request-Method")).isTrue();
        assertThat(CorsHeaders.isRequestHeader("ACCESS-CONTROL-REQUEST-HEADERS")).isTrue();
        assertThat(CorsHeaders.isRequestHeader("Access-Control-Allow-Origin")).isFalse();
        assertThat(CorsHeaders.isRequestHeader("Originator")).isFalse();
        assertThat(CorsHeaders.isRequestHeader("Referer")).isFalse();
    }

    @Test
    void oneVaryLineHoldsEveryTokenOnceInTheOrderMet() {
        assertThat(CorsHeaders.oneVaryLine(List.of("Accept-Encoding", "origin, Accept"), "Origin"))
            .isEqualTo("Accept-Encoding, origin, Accept");
        assertThat(CorsHeaders.oneVaryLine(List.of("Accept-Encoding"), "Origin")).isEqualTo("Accept-Encoding, Origin");
        assertThat(CorsHeaders.oneVaryLine(List.of("Origin", "Origin"), null)).isEqualTo("Origin");
        assertThat(CorsHeaders.oneVaryLine(Arrays.asList(null, " ", "Accept,,Accept "), null)).isEqualTo("Accept");
        assertThat(CorsHeaders.oneVaryLine(null, "Origin, Access-Control-Request-Method"))
            .isEqualTo("Origin, Access-Control-Request-Method");
    }

    @Test
    void oneVaryLineIsStarAloneWhenAnyLineSaysStar() {
        assertThat(CorsHeaders.oneVaryLine(List.of("Accept", " * "), "Origin")).isEqualTo("*");
        assertThat(CorsHeaders.oneVaryLine(List.of("Accept"), "*")).isEqualTo("*");
    }

    @Test
    void oneVaryLineIsNullOnlyWithoutAnyToken() {
        assertThat(CorsHeaders.oneVaryLine(null, null)).isNull();
        assertThat(CorsHeaders.oneVaryLine(List.of("", " , "), " ")).isNull();
    }

}
