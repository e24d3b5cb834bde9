package dev.fetchcors.core;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser's side of Fetch, with the examples of the web-platform-tests where there are some.
 */
class BrowserClassifierTest {

    @Test
    void safelistedMethodsWithoutHeadersAreSimple() {
        for (String method : new String[] { "GET", "HEAD", "POST", "get", "post", "Head" }) {
            BrowserClassifier.Classification c = BrowserClassifier.classify(method, Map.of());
            assertThat(c.preflighted()).as(method).isFalse();
            assertThat(c.accessControlRequestHeaders()).isNull();
            assertThat(c.reason()).contains("without a preflight");
        }
    }

    @Test
    void otherMethodsArePreflightedAfterNormalization() {
        assertThat(BrowserClassifier.classify("put", Map.of()).method()).isEqualTo("PUT");
        assertThat(BrowserClassifier.classify("patch", Map.of()).method()).isEqualTo("patch");
        assertThat(BrowserClassifier.classify("Delete", Map.of()).preflighted()).isTrue();
        assertThat(BrowserClassifier.classify("patch", Map.of()).reason()).contains("patch is not a CORS-safelisted");
        // Byte-case-insensitive means ASCII only: a long s does not make POST.
        assertThat(BrowserClassifier.normalizeMethod("po\u017Ft")).isEqualTo("po\u017Ft");
        assertThat(BrowserClassifier.isSafelistedMethod("post")).isFalse();
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
        assertThat(BrowserClassifier.isSafelistedRequestHeader(name, value)).isEqualTo(safelisted);
        assertThat(BrowserClassifier.isSafelistedRequestHeader(name.toUpperCase(), value)).isEqualTo(safelisted);
    }

    @Test
    void controlBytesAndOverlongValuesAreNotSafelisted() {
        assertThat(BrowserClassifier.isSafelistedRequestHeader("Content-Type", "text/plain\u000B")).isFalse();
        assertThat(BrowserClassifier.isSafelistedRequestHeader("Accept", "a\tb")).isTrue();
        assertThat(BrowserClassifier.isSafelistedRequestHeader("Accept", "a\u007Fb")).isFalse();
        assertThat(BrowserClassifier.isSafelistedRequestHeader("Accept", "a".repeat(128))).isTrue();
        assertThat(BrowserClassifier.isSafelistedRequestHeader("Accept", "a".repeat(129))).isFalse();
    }

    @Test
    void lastEventIdIsPreflightedToday() {
        BrowserClassifier.Classification c = BrowserClassifier.classify("GET", Map.of("Last-Event-ID", "42"));
        assertThat(c.preflighted()).isTrue();
        assertThat(c.accessControlRequestHeaders()).isEqualTo("last-event-id");
    }

    @Test
    void preflightListsUnsafeNamesLowerCasedSortedAndUnique() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Request-Id", "1");
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "*/*");
        headers.put("authorization", "Bearer x");
        BrowserClassifier.Classification c = BrowserClassifier.classify("PUT", headers);
        assertThat(c.preflighted()).isTrue();
        assertThat(c.unsafeHeaderNames()).containsExactly("authorization", "content-type", "x-request-id");
        assertThat(c.accessControlRequestHeaders()).isEqualTo("authorization,content-type,x-request-id");
        assertThat(c.reason()).contains("PUT", "the headers authorization, content-type, x-request-id");
    }

    @Test
    void safelistedValuesOverATotalOf1024BytesAreAllUnsafe() {
        // A script can set a safelisted name several times (the values are combined); the map stands for that
        // with names differing in case. Eight values of 128 bytes total exactly 1024: still simple.
        Map<String, String> atLimit = new LinkedHashMap<>();
        atLimit.put("Accept", "a".repeat(128));
        atLimit.put("accept-language", "b".repeat(128));
        atLimit.put("content-language", "c".repeat(128));
        atLimit.put("content-type", "text/plain;" + "d".repeat(117));
        atLimit.put("ACCEPT", "e".repeat(128));
        atLimit.put("Accept-Language", "f".repeat(128));
        atLimit.put("Content-Language", "g".repeat(128));
        atLimit.put("Content-Type", "text/plain;" + "h".repeat(117));
        assertThat(BrowserClassifier.classify("GET", atLimit).preflighted()).isFalse();

        Map<String, String> over = new LinkedHashMap<>(atLimit);
        over.put("range", "bytes=1-2");
        BrowserClassifier.Classification c = BrowserClassifier.classify("GET", over);
        assertThat(c.preflighted()).isTrue();
        assertThat(c.reason()).contains("over 1024 bytes");
        assertThat(c.unsafeHeaderNames()).containsExactly("accept", "accept-language", "content-language",
                "content-type", "range");
    }

}
