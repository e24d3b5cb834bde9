package dev.fetchcors.core;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a browser sends a script's request: directly, or after a preflight (the rules themselves: {@link BrowserRulesTests}).
 */
class BrowserClassifierTests {

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
