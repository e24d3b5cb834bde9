package dev.fetchcors.autoconfigure.actuate;

import dev.fetchcors.autoconfigure.http.HttpCases;
import dev.fetchcors.autoconfigure.http.OperationsHttp;
import dev.fetchcors.autoconfigure.http.RawHttp;
import dev.fetchcors.autoconfigure.http.TestApps;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.fetchcors.autoconfigure.actuate.CorsEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.fetchcors.autoconfigure.http.HttpCases.ANYONE;
import static dev.fetchcors.autoconfigure.http.HttpCases.APP;
import static dev.fetchcors.autoconfigure.http.HttpCases.EVIL;
import static dev.fetchcors.autoconfigure.http.HttpCases.PREFLIGHT_VARY;
import static dev.fetchcors.autoconfigure.http.OperationsHttp.json;
import static dev.fetchcors.autoconfigure.http.OperationsHttp.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code cors} actuator endpoint and the {@code cors.decisions} counter over HTTP, on one web stack, with the
 * configuration of the shared HTTP table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OperationsHttpTests {

    /**
     * The endpoints, and the error messages in the error body, which Boot leaves out by default (under the name of
     * each Boot line).
     */
    private static final String[] EXPOSED = { "management.endpoints.web.exposure.include=cors,metrics",
            "server.error.include-message=always", "spring.web.error.include-message=always" };

    private ConfigurableApplicationContext context;

    abstract boolean reactive();

    @BeforeAll
    void start() {
        List<String> properties = new ArrayList<>(List.of(HttpCases.PROPERTIES));
        properties.addAll(List.of(EXPOSED));
        this.context = OperationsHttp.start(reactive(), properties.toArray(String[]::new));
    }

    @AfterAll
    void stop() {
        if (this.context != null) {
            this.context.close();
        }
    }

    @Test
    void listsEveryPolicyWithEverySetting() throws Exception {
        HttpResponse<String> response = send(this.context, "GET", "/actuator/cors");
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> body = json(response);
        assertThat(body).containsEntry("resolver", "dev.fetchcors.autoconfigure.policy.PropertiesCorsPolicyResolver");
        assertThat(map(body, "default")).containsEntry("allowed-origins", List.of(APP, "https://*.example.org"))
            .containsEntry("allowed-methods", List.of("PUT", "DELETE"))
            .containsEntry("allowed-headers", List.of("Content-Type", "X-Request-Id"))
            .containsEntry("exposed-headers", List.of("X-Total-Count"))
            .containsEntry("allow-credentials", true)
            .containsEntry("allow-private-network", false)
            .containsEntry("max-age", 600L)
            .containsEntry("preflight-status", 204L)
            .containsEntry("preflight-passthrough", false)
            .containsEntry("dangerously-allow-public-suffix-wildcards", false)
            .containsEntry("dangerously-allow-insecure-origins-with-credentials", false)
            .doesNotContainKey("origin-check");
        List<?> policies = (List<?>) body.get("policies");
        assertThat(policies).hasSize(1);
        assertThat(asMap(policies.get(0))).containsEntry("name", "public")
            .containsEntry("path-patterns", List.of("/public/**"))
            .containsEntry("allowed-origins", List.of("*"))
            .containsEntry("allow-credentials", false)
            .containsEntry("max-age", 600L);
    }

    @Test
    void checkAnswersAsTheFilterDoesForAnAllowedPreflight() throws Exception {
        Map<String, Object> check = check("/api/hello", "origin", APP, "requestMethod", "PUT", "requestHeaders",
                "x-request-id");
        assertThat(check).containsEntry("policy", "default")
            .containsEntry("kind", "preflight")
            .containsEntry("allowed", true)
            .containsEntry("answered", true)
            .containsEntry("status", 204L)
            .doesNotContainKey("refusal");
        assertThat(map(check, "request")).containsEntry("method", "OPTIONS").containsEntry("path", "/api/hello");
        assertThat(map(check, "headers")).containsEntry("Access-Control-Allow-Origin", APP)
            .containsEntry("Access-Control-Allow-Credentials", "true")
            .containsEntry("Access-Control-Max-Age", "600")
            .containsEntry("Vary", PREFLIGHT_VARY);
        assertThat(map(check, "browser")).containsEntry("preflighted", true);
        // The filter, asked the same question, writes the same headers.
        HttpResponse<String> real = send(this.context, "OPTIONS", "/api/hello", "Origin", APP,
                "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "x-request-id");
        assertThat(real.statusCode()).isEqualTo(204);
        assertThat(corsHeaders(real)).isEqualTo(map(check, "headers"));
    }

    @Test
    void checkNamesTheRefusalAndTheReason() throws Exception {
        Map<String, Object> method = check("/api/hello", "origin", APP, "method", "OPTIONS", "requestMethod", "PATCH");
        assertThat(method).containsEntry("kind", "preflight")
            .containsEntry("allowed", false)
            .containsEntry("refusal", "method")
            .containsEntry("status", 403L);
        assertThat(map(method, "headers")).containsOnlyKeys("Vary");
        assertThat((String) method.get("reason")).contains("PATCH");

        Map<String, Object> origin = check("/api/hello", "origin", EVIL);
        assertThat(origin).containsEntry("kind", "actual")
            .containsEntry("allowed", false)
            .containsEntry("refusal", "origin")
            .containsEntry("answered", true)
            .containsEntry("status", 403L);
        assertThat(map(origin, "headers")).containsExactly(Map.entry("Vary", "Origin"));
        assertThat((String) origin.get("reason")).contains(EVIL);
        assertThat(map(origin, "browser")).containsEntry("preflighted", false);
    }

    @Test
    void checkPicksThePerPathPolicyAndClassifiesTheBrowsersRequest() throws Exception {
        Map<String, Object> check = check("/public/hello", "origin", ANYONE, "method", "POST", "headers",
                "X-Request-Id", "contentType", "application/json");
        assertThat(check).containsEntry("policy", "public").containsEntry("kind", "actual").containsEntry("allowed",
                true);
        assertThat(map(check, "headers")).containsEntry("Access-Control-Allow-Origin", "*");
        assertThat(map(check, "browser")).containsEntry("preflighted", true)
            .containsEntry("accessControlRequestHeaders", "content-type,x-request-id");
        // An actual request's headers do not depend on its method; GET is the one /public/hello maps.
        HttpResponse<String> real = send(this.context, "GET", "/public/hello", "Origin", ANYONE);
        assertThat(corsHeaders(real)).isEqualTo(map(check, "headers"));

        Map<String, Object> simple = check("/api/hello", "origin", APP, "method", "POST", "contentType",
                "text/plain");
        assertThat(map(simple, "browser")).containsEntry("preflighted", false);
    }

    @Test
    void checkAnswersForAWebSocketHandshake() throws Exception {
        Map<String, Object> refused = json(send(this.context, "GET",
                "/actuator/cors/ws/chat?origin=https://evil.example&websocket=true"));
        assertThat(refused).containsEntry("kind", "websocket").containsEntry("allowed", false)
            .containsEntry("refusal", "origin").containsEntry("status", 403L);
        assertThat((String) refused.get("reason")).contains("WebSocket handshake refused", "https://evil.example");
        Map<String, Object> allowed = json(send(this.context, "GET",
                "/actuator/cors?path=/ws/chat&origin=https://app.example.com&websocket=true"));
        assertThat(allowed).containsEntry("kind", "websocket").containsEntry("allowed", true)
            .containsEntry("answered", false);
        assertThat(allowed.get("headers")).isEqualTo(Map.of("Vary", "Origin"));
    }

    @Test
    void checkWithoutAnOriginAnswersForANonCorsRequest() throws Exception {
        Map<String, Object> check = json(send(this.context, "GET", "/actuator/cors/api/hello?method=GET"));
        assertThat(check).containsEntry("policy", "default").containsEntry("kind", "not-cors")
            .containsEntry("allowed", false);
        assertThat(check.get("headers")).isEqualTo(Map.of("Vary", "Origin"));
        Map<String, Object> publicCheck = json(send(this.context, "GET", "/actuator/cors?path=/public/hello"));
        assertThat(publicCheck).containsEntry("policy", "public").containsEntry("kind", "not-cors");
        assertThat(publicCheck.get("headers")).isEqualTo(Map.of("Access-Control-Allow-Origin", "*",
                "Access-Control-Expose-Headers", "X-Total-Count"));
    }

    @Test
    void endpointIsNotExposedOverHttpByDefault() throws Exception {
        ConfigurableApplicationContext unexposed = OperationsHttp.start(reactive(), HttpCases.PROPERTIES);
        try {
            // As for Boot's own endpoints, an endpoint exposed nowhere is not even created.
            assertThat(unexposed.getBeansOfType(CorsEndpoint.class)).isEmpty();
            assertThat(send(unexposed, "GET", "/actuator/cors").statusCode()).isEqualTo(404);
            assertThat(send(unexposed, "GET", "/api/hello", "Origin", APP).headers()
                .firstValue("Access-Control-Allow-Origin")).hasValue(APP);
            assertThat(send(unexposed, "GET", "/actuator/cors/api/hello?origin=" + APP).statusCode())
                .isEqualTo(404);
        }
        finally {
            unexposed.close();
        }
    }

    @Test
    void countsDecisionsByKindAndOutcome() throws Exception {
        MeterRegistry registry = this.context.getBean(MeterRegistry.class);
        Map<String, Double> before = counts(registry);
        preflight(APP, "PUT", "x-request-id", 204);
        preflight("https://eu.shop.example.org", "DELETE", null, 204);
        preflight(EVIL, "PUT", null, 403);
        preflight(APP, "PATCH", null, 403);
        preflight(APP, "PUT", "x-secret", 403);
        preflight(APP, "PUT", "x-other", 403);
        actual(APP, 200);
        actual(APP, 200);
        actual(ANYONE, 200);
        actual(EVIL, 403);
        actual("null", 403);
        handshake(APP, 200);
        handshake(EVIL, 403);
        // Not CORS requests: not counted.
        assertThat(send(this.context, "GET", "/api/hello").statusCode()).isEqualTo(200);
        assertThat(send(this.context, "OPTIONS", "/api/hello", "Access-Control-Request-Method", "PUT").statusCode())
            .isLessThan(500);

        Map<String, Double> after = counts(registry);
        assertThat(delta(before, after)).containsExactlyInAnyOrderEntriesOf(Map.of("preflight/allowed", 2.0,
                "preflight/origin", 1.0, "preflight/method", 1.0, "preflight/headers", 2.0, "actual/allowed", 3.0,
                "actual/origin", 2.0, "websocket/allowed", 1.0, "websocket/origin", 1.0));
        // The same numbers through the actuator's metrics endpoint.
        HttpResponse<String> response = send(this.context, "GET",
                "/actuator/metrics/cors.decisions?tag=kind:preflight&tag=outcome:headers");
        assertThat(response.statusCode()).isEqualTo(200);
        Map<?, ?> measurement = (Map<?, ?>) ((List<?>) json(response).get("measurements")).get(0);
        assertThat(((Number) measurement.get("value")).doubleValue()).isEqualTo(after.get("preflight/headers"));
        assertThat(registry.get("cors.decisions").counters()).hasSize(8);
    }

    private void preflight(String origin, String method, String headers, int status) throws Exception {
        HttpResponse<String> response = (headers != null)
                ? send(this.context, "OPTIONS", "/api/hello", "Origin", origin, "Access-Control-Request-Method",
                        method, "Access-Control-Request-Headers", headers)
                : send(this.context, "OPTIONS", "/api/hello", "Origin", origin, "Access-Control-Request-Method",
                        method);
        assertThat(response.statusCode()).isEqualTo(status);
    }

    /** A WebSocket handshake to a path without a socket: judged all the same, then served as a GET. */
    private void handshake(String origin, int status) throws Exception {
        assertThat(RawHttp.send(TestApps.port(this.context), "GET", "/api/hello", "Origin", origin, "Upgrade",
                "websocket", "Connection", "Upgrade", "Sec-WebSocket-Version", "13", "Sec-WebSocket-Key",
                "dGhlIHNhbXBsZSBub25jZQ==").status()).isEqualTo(status);
    }

    private void actual(String origin, int status) throws Exception {
        String path = origin.equals(ANYONE) ? "/public/hello" : "/api/hello";
        assertThat(send(this.context, "GET", path, "Origin", origin).statusCode()).isEqualTo(status);
    }

    private static Map<String, Double> counts(MeterRegistry registry) {
        Map<String, Double> counts = new TreeMap<>();
        registry.get("cors.decisions")
            .counters()
            .forEach((counter) -> counts.put(counter.getId().getTag("kind") + "/" + counter.getId().getTag("outcome"),
                    counter.count()));
        return counts;
    }

    private static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> delta = new TreeMap<>();
        after.forEach((key, count) -> {
            double difference = count - before.getOrDefault(key, 0.0);
            if (difference != 0) {
                delta.put(key, difference);
            }
        });
        return delta;
    }

    private Map<String, Object> check(String path, String... parameters) throws Exception {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < parameters.length; i += 2) {
            query.append((i == 0) ? '?' : '&')
                .append(parameters[i])
                .append('=')
                .append(URLEncoder.encode(parameters[i + 1], StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = send(this.context, "GET", "/actuator/cors" + path + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static Map<String, Object> map(Map<String, Object> json, String key) {
        assertThat(json).containsKey(key);
        return asMap(json.get(key));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object json) {
        return (Map<String, Object>) json;
    }

    /** The Access-Control-* headers and Vary of a response, by their canonical names. */
    private static Map<String, Object> corsHeaders(HttpResponse<String> response) {
        Map<String, Object> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("access-control-") || lower.equals("vary")) {
                headers.put(canonical(lower), String.join(", ", values));
            }
        });
        return headers;
    }

    private static String canonical(String lower) {
        StringBuilder name = new StringBuilder(lower.length());
        boolean upper = true;
        for (char c : lower.toCharArray()) {
            name.append(upper ? Character.toUpperCase(c) : c);
            upper = (c == '-');
        }
        return name.toString();
    }

    /**
     * Bad input is the client's error, said with a 400, never a server error: an {@code origin} for the surface that
     * is empty or no serialized origin, and a {@code path} whose percent-encoding is broken.
     */
    @Test
    void badInputIsABadRequestNeverAServerError() throws Exception {
        Map<String, String> said = Map.of("/actuator/cors/surface?origin=", "or null: it is empty",
                "/actuator/cors/surface?origin=not-an-origin", "\\\"not-an-origin\\\" has no scheme and host",
                "/actuator/cors/surface?origin=" + URLEncoder.encode("https://a.example/path", StandardCharsets.UTF_8),
                "has a path, query or fragment after its host and port", "/actuator/cors?path=/%25zz",
                "'path' takes a request path as a client sends it, percent-encoded", "/actuator/cors?path=/a%25&origin="
                        + EVIL, "at index 2 is not '%' and two hexadecimal digits");
        for (Map.Entry<String, String> bad : said.entrySet()) {
            HttpResponse<String> response = send(this.context, "GET", bad.getKey());
            assertThat(response.statusCode()).as("%s: %s", bad.getKey(), response.body()).isEqualTo(400);
            // The reason reaches the client where the application shows error messages.
            assertThat(response.body()).as(bad.getKey()).contains(bad.getValue());
        }
        // The good forms still answer: the opaque origin, and a path with whole escapes.
        assertThat(send(this.context, "GET", "/actuator/cors/surface?origin=null").statusCode()).isEqualTo(200);
        assertThat(send(this.context, "GET", "/actuator/cors?path=/a%2520b").statusCode()).isEqualTo(200);
    }

    /** What is wrong is said in words, to the endpoint's caller in code as over HTTP. */
    @Test
    void badInputIsSaidInWords() {
        CorsEndpoint endpoint = this.context.getBean(CorsEndpoint.class);
        assertThatExceptionOfType(InvalidEndpointRequestException.class)
            .isThrownBy(() -> endpoint.check(new String[] { "surface" }, "https://a.example/path", null, null, null,
                    null, null, null, null))
            .extracting(InvalidEndpointRequestException::getReason)
            .isEqualTo("'origin' takes a serialized origin (scheme://host[:port], as a browser sends it in the Origin"
                    + " header) or null: \"https://a.example/path\" has a path, query or fragment after its host and"
                    + " port");
        assertThatExceptionOfType(InvalidEndpointRequestException.class)
            .isThrownBy(() -> endpoint.check(new String[] { "surface" }, "", null, null, null, null, null, null, null))
            .extracting(InvalidEndpointRequestException::getReason, as(InstanceOfAssertFactories.STRING))
            .endsWith("or null: it is empty");
        assertThatExceptionOfType(InvalidEndpointRequestException.class)
            .isThrownBy(() -> endpoint.policies("/%zz", null, null, null, null, null, null, null, null))
            .extracting(InvalidEndpointRequestException::getReason, as(InstanceOfAssertFactories.STRING))
            .startsWith("'path' takes a request path as a client sends it, percent-encoded: \"%zz\" at index 1 is"
                    + " not '%' and two hexadecimal digits");
    }

}
