package dev.fetchcors.core;

import java.util.List;
import java.util.Map;

import dev.fetchcors.core.BrowserRules.Failure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser's rules of Fetch, with the examples of the web-platform-tests where there are some.
 */
class BrowserRulesTests {

    @Test
    void methods() {
        assertThat(BrowserRules.isSafelistedMethod("GET")).isTrue();
        assertThat(BrowserRules.isSafelistedMethod("post")).isFalse();
        assertThat(BrowserRules.isSafelistedMethod("PUT")).isFalse();
        // Byte-case-insensitive means ASCII only: a long s does not make POST.
        assertThat(BrowserRules.normalizeMethod("po\u017Ft")).isEqualTo("po\u017Ft");
        assertThat(BrowserRules.normalizeMethod("delete")).isEqualTo("DELETE");
        assertThat(BrowserRules.normalizeMethod("patch")).isEqualTo("patch");
        assertThat(BrowserRules.isForbiddenMethod("connect")).isTrue();
        assertThat(BrowserRules.isForbiddenMethod("TRACK")).isTrue();
        assertThat(BrowserRules.isForbiddenMethod("PUT")).isFalse();
        assertThat(BrowserRules.isForbiddenMethod("P UT")).as("not a token").isTrue();
        assertThat(BrowserRules.isSafeMethod("OPTIONS")).isTrue();
        assertThat(BrowserRules.isSafeMethod("POST")).isFalse();
        assertThat(BrowserRules.isSafeMethod("get")).as("methods are case-sensitive").isFalse();
    }

    @ParameterizedTest(name = "{0}: {1} -> safelisted {2}")
    @CsvSource(delimiter = '|', value = {
            "Accept|*/*|true", "Accept|text/html, application/json;q=0.9|true", "Accept|a\"b|false",
            "Accept|(){:;};|false", "Accept-Language|en-US,en;q=0.9|true", "Accept-Language|en_US|false",
            "Content-Language|de-DE|true", "Content-Language|de<|false",
            "Content-Type|text/plain|true", "Content-Type|text/plain;|true", "Content-Type|text/plain;garbage|true",
            "Content-Type|TEXT/PLAIN; charset=UTF-8|true", "Content-Type|multipart/form-data; boundary=x|true",
            "Content-Type|application/x-www-form-urlencoded|true", "Content-Type|application/json|false",
            "Content-Type|text /plain|false", "Content-Type|text/plain,|false", "Content-Type|',text/plain'|false",
            "Content-Type|'text/plain,text/plain'|false", "Content-Type|application/www-form-urlencoded|false",
            "Content-Type|multipart/form-data;\"|false", "Content-Type|application/csp-report|false",
            "Range|bytes=100-200|true", "Range|bytes=200-|true", "Range|bytes=0-0|true", "Range|bytes=-200|false",
            "Range|bytes =100-200|false", "Range|bytes=100-200,300-400|false", "Range|bytes=200-100|false",
            "Range|bytes=007-7|true", "Range|items=1-2|false",
            "Last-Event-ID|abc123|false", "X-Requested-With|XMLHttpRequest|false", "DPR|2|false",
            "Save-Data|on|false" })
    void safelistedRequestHeaders(String name, String value, boolean safelisted) {
        assertThat(BrowserRules.isSafelistedRequestHeader(name, value)).isEqualTo(safelisted);
        assertThat(BrowserRules.isSafelistedRequestHeader(name.toUpperCase(), value)).isEqualTo(safelisted);
    }

    @Test
    void controlBytesAndOverlongValuesAreNotSafelisted() {
        assertThat(BrowserRules.isSafelistedRequestHeader("Content-Type", "text/plain\u000B")).isFalse();
        assertThat(BrowserRules.isSafelistedRequestHeader("Accept", "a\tb")).isTrue();
        assertThat(BrowserRules.isSafelistedRequestHeader("Accept", "a\u007Fb")).isFalse();
        assertThat(BrowserRules.isSafelistedRequestHeader("Accept", "a".repeat(128))).isTrue();
        assertThat(BrowserRules.isSafelistedRequestHeader("Accept", "a".repeat(129))).isFalse();
    }

    @Test
    void contentTypeIsComparedByteCaseInsensitively() {
        assertThat(BrowserRules.isSafelistedContentType("Text/Plain")).isTrue();
        assertThat(BrowserRules.isSafelistedContentType(" text/plain ;charset=utf-8")).isTrue();
        // Unicode case folding would make a dotless i an 'i', and U+212A a 'k'.
        assertThat(BrowserRules.isSafelistedContentType("appl\u0131cation/x-www-form-urlencoded")).isFalse();
        assertThat(BrowserRules.isSafelistedContentType("text/plain;" + "x".repeat(118))).isFalse();
        assertThat(BrowserRules.isSafelistedContentType("text/plain;" + "x".repeat(117))).isTrue();
    }

    @Test
    void forbiddenAndSafelistedNames() {
        assertThat(BrowserRules.isForbiddenRequestHeader("Cookie")).isTrue();
        assertThat(BrowserRules.isForbiddenRequestHeader("Sec-Fetch-Site")).isTrue();
        assertThat(BrowserRules.isForbiddenRequestHeader("Proxy-Authorization")).isTrue();
        assertThat(BrowserRules.isForbiddenRequestHeader("X-Request-Id")).isFalse();
        assertThat(BrowserRules.isForbiddenResponseHeader("Set-Cookie")).isTrue();
        assertThat(BrowserRules.isSafelistedResponseHeader("Content-Type")).isTrue();
        assertThat(BrowserRules.isSafelistedResponseHeader("X-Total-Count")).isFalse();
        assertThat(BrowserRules.isNonWildcardRequestHeader("AUTHORIZATION")).isTrue();
        assertThat(BrowserRules.isNonWildcardRequestHeader("authorızatıon")).isFalse();
    }

    @Test
    void listsAreReadAsBrowsersReadThem() {
        assertThat(BrowserRules.listElements(List.of(" a, ,b ,", "c"))).containsExactly("a", "b", "c");
        assertThat(BrowserRules.listContains("GET, PUT", "PUT", true)).isTrue();
        assertThat(BrowserRules.listContains("GET, PUT", "put", true)).isFalse();
        assertThat(BrowserRules.listContains("content-type, X-Request-Id", "x-request-id", false)).isTrue();
        assertThat(BrowserRules.listContains(null, "x", false)).isFalse();
    }

    @Test
    void corsCheck() {
        String origin = "https://app.example.com";
        assertThat(BrowserRules.corsCheck(answer(200), origin, false)).isEqualTo(Failure.ORIGIN);
        assertThat(BrowserRules.corsCheck(answer(200, "Access-Control-Allow-Origin", "*"), origin, false)).isNull();
        assertThat(BrowserRules.corsCheck(answer(200, "Access-Control-Allow-Origin", "*"), origin, true))
            .isEqualTo(Failure.CREDENTIALS);
        assertThat(BrowserRules.corsCheck(answer(200, "Access-Control-Allow-Origin", origin), origin, true))
            .isEqualTo(Failure.CREDENTIALS);
        assertThat(BrowserRules.corsCheck(answer(200, "Access-Control-Allow-Origin", origin,
                "Access-Control-Allow-Credentials", "true"), origin, true)).isNull();
        assertThat(BrowserRules.corsCheck(answer(200, "Access-Control-Allow-Origin", "https://other.example"),
                origin, false)).isEqualTo(Failure.ORIGIN);
    }

    @Test
    void preflightCheckRunsTheChecksInFetchOrder() {
        String origin = "https://app.example.com";
        CorsRequest put = TestRequest.of("OPTIONS", "Origin", origin, "Access-Control-Request-Method", "PUT",
                "Access-Control-Request-Headers", "x-request-id, authorization");
        CorsAnswer star = answer(204, "Access-Control-Allow-Origin", origin, "Access-Control-Allow-Credentials",
                "true", "Access-Control-Allow-Methods", "*", "Access-Control-Allow-Headers", "*");
        assertThat(BrowserRules.preflightCheck(star, put, true)).as("'*' is literal with credentials")
            .isEqualTo(Failure.METHOD);
        assertThat(BrowserRules.preflightCheck(star, put, false)).as("'*' never covers Authorization")
            .isEqualTo(Failure.HEADERS);
        CorsAnswer listed = answer(204, "Access-Control-Allow-Origin", origin, "Access-Control-Allow-Methods", "PUT",
                "Access-Control-Allow-Headers", "X-Request-Id, Authorization");
        assertThat(BrowserRules.preflightCheck(listed, put, false)).isNull();
        CorsAnswer refused = answer(403, "Access-Control-Allow-Origin", origin, "Access-Control-Allow-Methods", "PUT",
                "Access-Control-Allow-Headers", "X-Request-Id, Authorization");
        assertThat(BrowserRules.preflightCheck(refused, put, false)).isEqualTo(Failure.STATUS);
    }

    private static CorsAnswer answer(int status, String... headers) {
        Map<String, String> map = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], headers[i + 1]);
        }
        return new CorsAnswer() {

            @Override
            public int status() {
                return status;
            }

            @Override
            public String header(String name) {
                return map.get(name);
            }

        };
    }

}
