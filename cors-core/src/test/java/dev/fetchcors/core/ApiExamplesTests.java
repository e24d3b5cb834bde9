package dev.fetchcors.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Vector;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The usage examples that open the public classes' Javadoc, run as written (servlet types replaced by small
 * stand-ins), so that the documentation cannot drift from the code.
 */
class ApiExamplesTests {

    @Test
    void corsConfigExample() {
        CorsConfig config = CorsConfig.builder()
            .allowedOrigins("https://app.example.com", "https://*.example.org", "http://localhost:*")
            .allowedMethods("GET", "PUT", "DELETE")
            .allowedHeaders("Content-Type", "X-Request-Id")
            .exposedHeaders("X-Total-Count")
            .allowCredentials(true)
            .maxAge(Duration.ofHours(1))
            .build();
        CorsPolicy policy = CorsPolicy.compile(config);
        assertThat(policy.evaluate(TestRequest.of("GET", "Origin", "http://localhost:5173")).isAllowed()).isTrue();
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void corsPolicyExample() {
        CorsPolicy policy = CorsPolicy.compile(CorsConfig.builder()
            .allowedOrigins("https://app.example.com", "https://*.example.org")
            .allowedMethods("PUT", "DELETE")
            .allowedHeaders("Content-Type")
            .allowCredentials(true)
            .build());
        CorsRequest requestView = TestRequest.of("OPTIONS", "Origin", "https://eu.example.org",
                "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "content-type");
        CorsDecision decision = policy.evaluate(requestView);
        assertThat(decision.isAnswered()).isTrue();
        assertThat(decision.status()).isEqualTo(204);
    }

    @Test
    void corsDecisionExampleAppliedTwiceWritesEachHeaderOnce() {
        CorsPolicy policy = CorsPolicy.compile(CorsCases.LISTED);
        FakeResponse response = new FakeResponse();
        response.addHeader("Vary", "Accept-Encoding");
        CorsRequest view = TestRequest.of("GET", "Origin", "https://example.org");
        assertThat(apply(policy, view, response)).isTrue();
        assertThat(apply(policy, view, response)).isTrue();
        assertThat(response.headers).containsEntry("Access-Control-Allow-Origin", List.of("https://example.org"))
            .containsEntry("Vary", List.of("Accept-Encoding, Origin"));

        FakeResponse preflight = new FakeResponse();
        assertThat(apply(policy, TestRequest.of("OPTIONS", "Origin", "https://example.org",
                "Access-Control-Request-Method", "PUT"), preflight)).isFalse();
        assertThat(preflight.status).isEqualTo(204);
    }

    /** The CorsDecision Javadoc's adapter loop; returns whether the chain would be called. */
    private static boolean apply(CorsPolicy policy, CorsRequest view, FakeResponse response) {
        CorsDecision decision = policy.evaluate(view);
        for (int i = 0; i < decision.headerCount(); i++) {
            response.setHeader(decision.headerName(i), decision.headerValue(i));
        }
        if (decision.vary() != null) {
            String merged = CorsDecision.mergeVary(response.getHeaders("Vary"), decision.vary());
            if (merged != null) {
                response.setHeader("Vary", merged);
            }
        }
        if (decision.isAnswered()) {
            response.setStatus(decision.status());
            return false;
        }
        return true;
    }

    @Test
    void corsRequestExample() {
        FakeServletRequest servletRequest = new FakeServletRequest();
        CorsRequest view = new CorsRequest() {
            public String method() {
                return servletRequest.getMethod();
            }

            public String header(String name) {
                return servletRequest.getHeader(name);
            }

            public Iterable<String> headers(String name) {
                return () -> servletRequest.getHeaders(name).asIterator();
            }
        };
        CorsDecision decision = CorsPolicy.compile(CorsCases.LISTED).evaluate(view);
        assertThat(decision.headers()).containsEntry("Access-Control-Allow-Headers", "content-type,x-request-id");
    }

    @Test
    void originCheckExample() {
        Set<String> registered = Set.of("https://shop.tenant-a.example");
        Tenants tenants = registered::contains;
        CorsConfig config = CorsConfig.builder()
            .originCheck(origin -> tenants.isRegisteredOrigin(origin))
            .allowCredentials(true)
            .build();
        CorsPolicy policy = CorsPolicy.compile(config);
        assertThat(policy.evaluate(TestRequest.of("GET", "Origin", "https://shop.tenant-a.example")).isAllowed())
            .isTrue();
        assertThat(policy.evaluate(TestRequest.of("GET", "Origin", "https://evil.example")).isAllowed()).isFalse();
    }

    @Test
    void configProblemAndExceptionExamples() {
        CorsConfig config = CorsConfig.builder().allowedOrigins("https://app.example.com/", "*").allowCredentials(true)
            .build();
        List<String> printed = new ArrayList<>();
        try {
            CorsPolicy.compile(config);
        }
        catch (CorsConfigException ex) {
            for (ConfigProblem problem : ex.problems()) {
                printed.add(problem.property() + "=" + problem.value() + ": " + problem.reason());
            }
        }
        assertThat(printed).hasSize(2);
        assertThat(printed.get(0)).startsWith("allowed-origins[0]=https://app.example.com/: ");
        assertThatExceptionOfType(CorsConfigException.class).isThrownBy(() -> CorsPolicy.compile(config))
            .withMessageContaining("Property: allowed-origins[1]");
    }

    @Test
    void browserClassifierExample() {
        BrowserClassifier.Classification c = BrowserClassifier.classify("PUT",
                Map.of("Content-Type", "application/json", "X-Request-Id", "42"));
        assertThat(c.preflighted()).isTrue();
        assertThat(c.accessControlRequestHeaders()).isEqualTo("content-type,x-request-id");
        assertThat(c.reason()).startsWith("PUT is not a CORS-safelisted method (GET, HEAD, POST); the headers ");
    }

    interface Tenants {

        boolean isRegisteredOrigin(String origin);

    }

    /** Stands in for a servlet response: set, add and get header lines by name. */
    static final class FakeResponse {

        final Map<String, List<String>> headers = new LinkedHashMap<>();

        int status = 200;

        void setHeader(String name, String value) {
            this.headers.put(name, new ArrayList<>(List.of(value)));
        }

        void addHeader(String name, String value) {
            this.headers.computeIfAbsent(name, (n) -> new ArrayList<>()).add(value);
        }

        List<String> getHeaders(String name) {
            return this.headers.getOrDefault(name, List.of());
        }

        void setStatus(int status) {
            this.status = status;
        }

    }

    /** Stands in for a servlet request with Enumeration-valued headers. */
    static final class FakeServletRequest {

        String getMethod() {
            return "OPTIONS";
        }

        String getHeader(String name) {
            return switch (name) {
                case "Origin" -> "https://example.org";
                case "Access-Control-Request-Method" -> "PUT";
                default -> null;
            };
        }

        java.util.Enumeration<String> getHeaders(String name) {
            return name.equals("Access-Control-Request-Headers") ? new Vector<>(List.of("X-Request-Id",
                    "content-type")).elements() : Collections.emptyEnumeration();
        }

    }

}
