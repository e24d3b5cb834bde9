package dev.fetchcors.core;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the table does not show: robustness against odd request views, and refusal reasons a person can act on.
 */
class CorsPolicyTests {

    private final CorsPolicy policy = CorsPolicy.compile(CorsCases.LISTED);

    @Test
    void aViewWithoutHeaderLinesOrMethodIsNoError() {
        CorsRequest noLines = new CorsRequest() {
            public String method() {
                return "OPTIONS";
            }

            public String header(String name) {
                return name.equals("Origin") ? "https://example.org"
                        : name.equals("Access-Control-Request-Method") ? "PUT" : null;
            }

            public Iterable<String> headers(String name) {
                return null;
            }
        };
        assertThat(this.policy.evaluate(noLines).isAllowed()).isTrue();
        CorsRequest noMethod = TestRequest.of(null, "Origin", "https://example.org");
        assertThat(this.policy.evaluate(noMethod).kind()).isEqualTo(CorsDecision.Kind.ACTUAL);
    }

    /** The case of a method is named as the mistake only where it may be one. */
    @Test
    void aRefusedMethodsCaseIsMentionedOnlyWhenNotInUpperCase() {
        assertThat(reason(TestRequest.of("OPTIONS", "Origin", "https://example.org", "Access-Control-Request-Method",
                "PATCH"))).isEqualTo("Method 'PATCH' is not allowed: add it to allowed-methods.");
        assertThat(reason(TestRequest.of("OPTIONS", "Origin", "https://example.org", "Access-Control-Request-Method",
                "put"))).isEqualTo("Method 'put' is not allowed: add it to allowed-methods as it is sent (methods are"
                        + " case-sensitive: 'put' is not 'PUT').");
    }

    @Test
    void reasonsNameTheValueAndTheProperty() {
        assertThat(reason(TestRequest.of("GET", "Origin", "https://evil.example")))
            .contains("'https://evil.example'", "allowed-origins");
        assertThat(reason(TestRequest.of("GET", "Origin", "https://example.org/")))
            .contains("'https://example.org/'", "ends with a slash");
        assertThat(reason(CorsCases.preflight("https://example.org", "put"))).contains("'put'", "allowed-methods",
                "case-sensitive");
        assertThat(reason(CorsCases.preflight("https://example.org", "TRACE"))).contains("'TRACE'", "forbid");
        assertThat(reason(CorsCases.preflightWithHeaders("https://example.org", "PUT", "content-type, X-Secret")))
            .contains("'X-Secret'", "allowed-headers");
        assertThat(CorsPolicy.compile(CorsCases.ANY)
            .evaluate(CorsCases.preflightWithHeaders("https://example.org", "PUT", CorsCases.names(500)))
            .reason()).contains("more than 128 names");
        assertThat(reason(TestRequest.of("GET", "Origin", "https://example.org"))).contains("is allowed");
        assertThat(CorsPolicy.compile(CorsCases.ANY).evaluate(TestRequest.of("GET", "Origin", "https://x.example"))
            .reason()).contains("Any origin is allowed");
    }

    @Test
    void reasonsAreSafeToLog() {
        // A value holding the template's placeholders is printed as is, not expanded.
        assertThat(reason(TestRequest.of("GET", "Origin", "{problem}{}"))).startsWith("Origin '{problem}{}' is not");
        // Control bytes cannot start a forged log line.
        String forged = reason(TestRequest.of("GET", "Origin", "https://x.example\r\n[INFO] all good"));
        assertThat(forged).doesNotContain("\r", "\n").contains("\\u000d\\u000a");
        // A huge value is cut.
        String huge = reason(TestRequest.of("GET", "Origin", "https://" + "a".repeat(100_000)));
        assertThat(huge).hasSizeLessThan(1000).contains("(100008 characters)");
    }

    @Test
    void anyValueCanBeMadeSafeToLog() {
        assertThat(CorsDecision.forLog("https://tenant.example")).isEqualTo("https://tenant.example");
        assertThat(CorsDecision.forLog("a\r\nb\u00e9")).isEqualTo("a\\u000d\\u000ab\\u00e9");
        assertThat(CorsDecision.forLog("x".repeat(301))).isEqualTo("x".repeat(300) + "...(301 characters)");
        assertThat(CorsDecision.forLog("x".repeat(300))).isEqualTo("x".repeat(300));
    }

    @Test
    void theExactOriginPathReturnsPrecomputedDecisions() {
        TestRequest request = TestRequest.of("GET", "Origin", "https://example.org");
        assertThat(this.policy.evaluate(request)).isSameAs(this.policy.evaluate(request));
        TestRequest preflight = CorsCases.preflightWithHeaders("https://example.org", "PUT", "content-type");
        assertThat(this.policy.evaluate(preflight)).isSameAs(this.policy.evaluate(preflight));
        assertThat(this.policy.evaluate(TestRequest.of("GET"))).isSameAs(this.policy.evaluate(TestRequest.of("PUT")));
    }

    @Test
    void theOriginCheckIsAskedOnlyAboutWellFormedUnlistedOrigins() {
        List<String> asked = new ArrayList<>();
        CorsPolicy checked = CorsPolicy.compile(CorsConfig.builder()
            .allowedOrigins("https://example.org")
            .originCheck((origin) -> asked.add(origin) && origin.equals("https://tenant.example"))
            .build());
        for (String origin : List.of("https://example.org", "null", "https://tenant.example/", "HTTPS://X.EXAMPLE",
                "https://tenant.example", "https://other.example")) {
            checked.evaluate(TestRequest.of("GET", "Origin", origin));
        }
        assertThat(asked).containsExactly("https://tenant.example", "https://other.example");
    }

    private String reason(TestRequest request) {
        return this.policy.evaluate(request).reason(request);
    }

}
