package dev.fetchcors.samples.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.fetchcors.autoconfigure.judge.CorsJudge;
import dev.fetchcors.autoconfigure.shadow.ShadowReport;
import dev.fetchcors.core.CorsAnswer;
import dev.fetchcors.core.CorsConfig;
import dev.fetchcors.core.CorsDifference;
import dev.fetchcors.core.CorsHeaders;
import dev.fetchcors.core.CorsPolicy;
import dev.fetchcors.core.CorsRequest;
import dev.fetchcors.samples.gateway.service.ServiceApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_HEADERS;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_METHODS;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_ORIGIN;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_EXPOSE_HEADERS;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_MAX_AGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A real Spring Cloud Gateway with the starter, routing to real Spring MVC services that (a) do no CORS, (b) run
 * Spring's {@code CorsFilter} allowing {@code *}, (c) use {@code @CrossOrigin} with credentials for another origin.
 * Through the gateway, every response carries exactly the gateway policy's CORS headers, once, with one
 * {@code Vary} line, whatever the service behind it sent; preflights are answered at the edge and none reaches a
 * service. A subclass starts one gateway flavour.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
public abstract class GatewayContractTest {

    protected static final String APP = "https://app.example.com";

    protected static final String EVIL = "https://evil.example";

    protected static final String OTHER = ServiceApplication.OTHER_ORIGIN;

    private static final Map<String, String> ALLOWED = Map.of(ACCESS_CONTROL_ALLOW_ORIGIN, APP,
            ACCESS_CONTROL_ALLOW_CREDENTIALS, "true", ACCESS_CONTROL_EXPOSE_HEADERS, "X-Total-Count");

    private static final Map<String, String> PREFLIGHT = Map.of(ACCESS_CONTROL_ALLOW_ORIGIN, APP,
            ACCESS_CONTROL_ALLOW_CREDENTIALS, "true", ACCESS_CONTROL_ALLOW_METHODS, "PUT,DELETE",
            ACCESS_CONTROL_ALLOW_HEADERS, "content-type,x-request-id", ACCESS_CONTROL_MAX_AGE, "600");

    private static final Map<String, String> PUBLIC = Map.of(ACCESS_CONTROL_ALLOW_ORIGIN, "*",
            ACCESS_CONTROL_EXPOSE_HEADERS, "X-Total-Count");

    private static final Map<String, String> NONE = Map.of();

    private static final HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();

    private final Map<String, ConfigurableApplicationContext> services = new LinkedHashMap<>();

    private final List<ConfigurableApplicationContext> gateways = new ArrayList<>();

    private int gateway;

    private int gatewayWithoutOrigin;

    /**
     * Starts the gateway flavour under test on a random port of loopback.
     *
     * @param properties the application's properties, its routes included
     * @return the running gateway
     */
    protected abstract ConfigurableApplicationContext startGateway(String... properties);

    /** The prefix of the flavour's route properties, such as {@code spring.cloud.gateway.server.webflux}. */
    protected abstract String gatewayPrefix();

    /** Properties the flavour adds to every gateway, such as a leftover {@code globalcors} allowing {@code *}. */
    protected List<String> flavourProperties() {
        return List.of();
    }

    @BeforeAll
    void start() {
        for (String cors : List.of("none", "filter", "cross-origin")) {
            this.services.put(cors, ServiceApplication.start(cors));
        }
        this.gateway = port(start(true));
        this.gatewayWithoutOrigin = port(start(false));
    }

    private ConfigurableApplicationContext start(boolean forwardOrigin) {
        List<String> properties = new ArrayList<>(List.of("app.cors.allowed-origins=" + APP,
                "app.cors.allow-credentials=true", "app.cors.allowed-methods=PUT,DELETE",
                "app.cors.allowed-headers=Content-Type,X-Request-Id", "app.cors.exposed-headers=X-Total-Count",
                "app.cors.max-age=10m", "app.cors.policies[0].name=public",
                "app.cors.policies[0].path-patterns=/public/**", "app.cors.policies[0].allowed-origins=*",
                "app.cors.policies[0].allow-credentials=false", "app.cors.gateway.forward-origin=" + forwardOrigin));
        route(properties, 0, "plain", service("none"));
        route(properties, 1, "star", service("filter"));
        route(properties, 2, "cross", service("cross-origin"));
        route(properties, 3, "public", service("filter"));
        route(properties, 4, "filtered", service("none"));
        properties.add(gatewayPrefix() + ".routes[4].filters[0]=AddResponseHeader=" + ACCESS_CONTROL_ALLOW_ORIGIN
                + ", " + EVIL);
        route(properties, 5, "dead", "http://127.0.0.1:1");
        route(properties, 6, "warned", service("filter"));
        properties.addAll(flavourProperties());
        ConfigurableApplicationContext context = startGateway(properties.toArray(String[]::new));
        this.gateways.add(context);
        return context;
    }

    private void route(List<String> properties, int index, String id, String uri) {
        String route = gatewayPrefix() + ".routes[" + index + "]";
        properties.add(route + ".id=" + id);
        properties.add(route + ".uri=" + uri);
        properties.add(route + ".predicates[0]=Path=/" + id + "/**");
    }

    private String service(String cors) {
        return "http://127.0.0.1:" + port(this.services.get(cors));
    }

    @AfterAll
    void stop() {
        this.gateways.forEach(ConfigurableApplicationContext::close);
        this.services.values().forEach(ConfigurableApplicationContext::close);
    }

    static Stream<Case> cases() {
        return Stream.of(
                // (a) no CORS in the service; a refused origin is refused at the edge, before any service
                actual("plain", APP, 200, ALLOWED), actual("plain", EVIL, 403, NONE), actual("plain", null, 200, NONE),
                // (b) Spring's CorsFilter allowing '*': its headers never get through
                actual("star", APP, 200, ALLOWED), actual("star", EVIL, 403, NONE), actual("star", null, 200, NONE),
                // (c) @CrossOrigin for another origin with credentials: the origin it allows is refused at the edge
                actual("cross", OTHER, 403, NONE), actual("cross", EVIL, 403, NONE), actual("cross", null, 200, NONE),
                // The service refuses the Origin it is given: the gateway still says what its policy allows.
                actual("cross", APP, 403, ALLOWED),
                preflight("plain", APP, 204, PREFLIGHT), preflight("plain", EVIL, 403, NONE),
                preflight("star", APP, 204, PREFLIGHT), preflight("star", EVIL, 403, NONE),
                preflight("cross", APP, 204, PREFLIGHT), preflight("cross", OTHER, 403, NONE),
                // A per-path policy of any origin, in front of a service allowing '*' too: one '*', no credentials.
                actual("public", APP, 200, PUBLIC), actual("public", EVIL, 200, PUBLIC),
                actual("public", null, 200, PUBLIC),
                preflight("public", EVIL, 204,
                        Map.of(ACCESS_CONTROL_ALLOW_ORIGIN, "*", ACCESS_CONTROL_ALLOW_METHODS, "PUT,DELETE",
                                ACCESS_CONTROL_ALLOW_HEADERS, "content-type,x-request-id", ACCESS_CONTROL_MAX_AGE,
                                "600")),
                // A gateway filter that writes CORS headers is overruled too.
                actual("filtered", APP, 200, ALLOWED), actual("filtered", EVIL, 403, NONE),
                // Streamed and error responses, from the service and from the gateway itself.
                new Case("stream", "GET", "/star/stream", APP, null, 200, ALLOWED),
                new Case("stream", "GET", "/star/stream", EVIL, null, 403, NONE),
                new Case("error", "GET", "/star/boom", APP, null, 500, ALLOWED),
                new Case("error", "GET", "/star/boom", EVIL, null, 403, NONE),
                new Case("gateway error", "GET", "/dead/x", APP, null, 0, ALLOWED),
                new Case("gateway error", "GET", "/dead/x", null, null, 0, NONE),
                // Outside every route: the gateway's own 404.
                new Case("no route", "GET", "/nowhere", APP, null, 404, ALLOWED),
                new Case("no route", "OPTIONS", "/nowhere", APP, "PUT", 204, PREFLIGHT));
    }

    private static Case actual(String route, String origin, int status, Map<String, String> cors) {
        return new Case(route, "GET", "/" + route + "/items", origin, null, status, cors);
    }

    private static Case preflight(String route, String origin, int status, Map<String, String> cors) {
        return new Case(route, "OPTIONS", "/" + route + "/items", origin, "PUT", status, cors);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyResponseCarriesExactlyTheGatewaysPolicy(Case row) throws Exception {
        HttpResponse<String> response = send(this.gateway, row);
        String description = row + ": " + response.headers().map();
        if (row.status() == 0) {
            assertThat(response.statusCode()).as(description).isBetween(500, 599);
        }
        else {
            assertThat(response.statusCode()).as(description).isEqualTo(row.status());
        }
        assertThat(corsLines(response)).as(description).containsExactlyInAnyOrderEntriesOf(row.cors());
        for (String name : response.headers().map().keySet()) {
            if (CorsHeaders.isResponseHeader(name)) {
                assertThat(response.headers().allValues(name)).as(description + " lines of " + name).hasSize(1);
            }
        }
        List<String> vary = response.headers().allValues("Vary");
        assertThat(vary).as(description + " Vary lines").hasSizeLessThanOrEqualTo(1);
        List<String> tokens = vary.isEmpty() ? List.of()
                : Stream.of(vary.get(0).split(",")).map((t) -> t.strip().toLowerCase(Locale.ROOT)).toList();
        assertThat(tokens).as(description + " Vary").doesNotHaveDuplicates();
        if (!row.path().startsWith("/public/")) {
            assertThat(tokens).as(description + " Vary").contains("origin");
        }
        if (row.path().endsWith("/stream") && row.status() == 200) {
            assertThat(response.body()).isEqualTo("chunk 0\nchunk 1\nchunk 2\n");
        }
    }

    /**
     * CONTRACT section 3 at the edge: a request from an origin the gateway's policy refuses is refused with 403 there
     * and never forwarded, whatever its method, so no service behind the gateway does its work.
     */
    @Test
    void noRequestFromARefusedOriginEverReachesAService() throws Exception {
        for (Case row : cases().toList()) {
            send(this.gateway, row);
        }
        for (String method : List.of("POST", "PUT", "DELETE")) {
            HttpResponse<String> response = send(this.gateway, new Case("refused " + method, method, "/plain/items",
                    EVIL, null, 403, NONE));
            assertThat(response.statusCode()).as(method).isEqualTo(403);
        }
        for (Map.Entry<String, ConfigurableApplicationContext> service : this.services.entrySet()) {
            // The per-path policy of /public/** allows any origin: that one reaches its service.
            assertThat(seen(service.getValue())).as(service.getKey())
                .noneMatch((request) -> EVIL.equals(request.get("origin"))
                        && !String.valueOf(request.get("path")).startsWith("/public/"));
        }
    }

    /**
     * A gateway forwards a path as it came and the service's server resolves it: {@code /public/..;/plain/items} is
     * routed by the gateway under {@code /public/**} and served as {@code /plain/items}. Where the served path falls
     * under another policy, the request is refused at the edge (400, no CORS headers) and never forwarded, so the
     * public policy's {@code *} never answers for what the credentialed policy's paths serve. A dot segment that
     * stays under the same policy passes.
     */
    @Test
    void aPathAServiceWouldServeUnderAnotherPolicyIsRefusedAtTheEdge() throws Exception {
        for (String path : List.of("/public/..;/plain/items", "/public/a/..;/..;/plain/items",
                "/public/%2e%2e/plain/items", "/public/..%2fplain/items")) {
            for (String origin : List.of(EVIL, APP)) {
                HttpResponse<String> response = send(this.gateway, new Case("ambiguous", "GET", path, origin, null, 400,
                        NONE));
                String description = path + " from " + origin + ": " + response.headers().map();
                assertThat(response.statusCode()).as(description).isEqualTo(400);
                assertThat(corsLines(response)).as(description).isEmpty();
            }
        }
        HttpResponse<String> same = send(this.gateway, new Case("same policy", "GET", "/public/./items", EVIL, null, 200,
                PUBLIC));
        assertThat(same.statusCode()).isEqualTo(200);
        assertThat(corsLines(same)).containsExactlyInAnyOrderEntriesOf(PUBLIC);
        for (Map.Entry<String, ConfigurableApplicationContext> service : this.services.entrySet()) {
            assertThat(seen(service.getValue())).as(service.getKey())
                .noneMatch((request) -> String.valueOf(request.get("path")).contains("plain/items")
                        && String.valueOf(request.get("path")).startsWith("/public/"));
        }
    }

    @Test
    void noPreflightEverReachesAService() throws Exception {
        for (Case row : cases().toList()) {
            send(this.gateway, row);
        }
        for (Map.Entry<String, ConfigurableApplicationContext> service : this.services.entrySet()) {
            List<Map<String, Object>> seen = seen(service.getValue());
            assertThat(seen).as(service.getKey()).isNotEmpty()
                .noneMatch((request) -> "OPTIONS".equals(request.get("method"))
                        && !"null".equals(request.get("accessControlRequestMethod")));
        }
    }

    @Test
    void withoutForwardingOriginTheCrossOriginServiceServesTheAllowedOrigin() throws Exception {
        HttpResponse<String> response = send(this.gatewayWithoutOrigin, actual("cross", APP, 200, ALLOWED));
        assertThat(response.statusCode()).as(response.headers().map().toString()).isEqualTo(200);
        assertThat(corsLines(response)).containsExactlyInAnyOrderEntriesOf(ALLOWED);
        // The service saw no Origin, so its own CORS support stayed out of the way.
        assertThat(seen(this.services.get("cross-origin"))).filteredOn((request) -> "/cross/items".equals(
                request.get("path")) && "GET".equals(request.get("method")))
            .anySatisfy((request) -> assertThat(request.get("origin")).isEqualTo("null"));
        HttpResponse<String> preflight = send(this.gatewayWithoutOrigin, preflight("cross", APP, 204, PREFLIGHT));
        assertThat(preflight.statusCode()).isEqualTo(204);
    }

    @Test
    void aRouteWhoseServiceSendsCorsHeadersIsNamedOnceAtWarn(CapturedOutput output) throws Exception {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = send(this.gateway, actual("warned", APP, 200, ALLOWED));
            assertThat(corsLines(response)).containsExactlyInAnyOrderEntriesOf(ALLOWED);
        }
        String warning = "Route 'warned' carried CORS headers that the gateway did not write";
        assertThat(output.toString().split(warning, -1)).hasSize(2);
        assertThat(output.toString()).contains("access-control-allow-origin");
    }

    @Test
    void requestsThatNoPolicyCoversGetNoServiceHeadersAndNoForwardedPreflight() throws Exception {
        List<String> properties = new ArrayList<>(List.of("app.cors.allowed-origins=", "app.cors.allow-credentials=false",
                "app.cors.policies[0].name=public", "app.cors.policies[0].path-patterns=/public/**",
                "app.cors.policies[0].allowed-origins=*"));
        route(properties, 0, "star", service("filter"));
        route(properties, 1, "public", service("filter"));
        properties.addAll(flavourProperties());
        try (ConfigurableApplicationContext onlyPublic = startGateway(properties.toArray(String[]::new))) {
            int port = port(onlyPublic);
            HttpResponse<String> actual = send(port, actual("star", APP, 200, NONE));
            assertThat(actual.statusCode()).isEqualTo(200);
            assertThat(corsLines(actual)).as(actual.headers().map().toString()).isEmpty();
            HttpResponse<String> preflight = send(port, preflight("star", APP, 403, NONE));
            assertThat(preflight.statusCode()).isEqualTo(403);
            assertThat(corsLines(preflight)).isEmpty();
            assertThat(corsLines(send(port, actual("public", APP, 200, PUBLIC))))
                .containsExactlyInAnyOrderEntriesOf(Map.of(ACCESS_CONTROL_ALLOW_ORIGIN, "*"));
        }
    }

    @Test
    void preflightPassthroughIsRefusedAtStartupInAGateway() {
        assertThatException()
            .isThrownBy(() -> startGateway("app.cors.allowed-origins=" + APP, "app.cors.preflight-passthrough=true"))
            .satisfies((failure) -> {
                Throwable cause = failure;
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                assertThat(cause.getMessage()).contains("app.cors.preflight-passthrough");
            });
        // Unless the starter is told not to be the gateway's CORS owner.
        try (ConfigurableApplicationContext notOwner = startGateway("app.cors.allowed-origins=" + APP,
                "app.cors.preflight-passthrough=true", "app.cors.gateway.enabled=false")) {
            assertThat(notOwner.isRunning()).isTrue();
        }
    }

    /**
     * In shadow mode, the gateway's own CORS ({@code globalcors}, where the flavour has it, and the services') answers
     * untouched: every response is the one the gateway sends without the starter, but for its date; and the starter
     * records, for each request, the difference a browser would find between that response and its policy's answer,
     * and nothing where there is none.
     */
    @Test
    void inShadowModeTheGatewaysOwnCorsAnswersAndEachDifferenceIsRecorded() throws Exception {
        List<String> properties = new ArrayList<>(List.of("app.cors.allowed-origins=" + APP,
                "app.cors.allow-credentials=true", "app.cors.allowed-methods=PUT,DELETE",
                "app.cors.allowed-headers=Content-Type,X-Request-Id", "app.cors.exposed-headers=X-Total-Count",
                "app.cors.max-age=10m", "app.cors.policies[0].name=public",
                "app.cors.policies[0].path-patterns=/public/**", "app.cors.policies[0].allowed-origins=*",
                "app.cors.policies[0].allow-credentials=false"));
        route(properties, 0, "plain", service("none"));
        route(properties, 1, "star", service("filter"));
        route(properties, 2, "cross", service("cross-origin"));
        route(properties, 3, "public", service("filter"));
        properties.addAll(flavourProperties());
        List<String> shadowProperties = new ArrayList<>(properties);
        shadowProperties.add("app.cors.mode=shadow");
        List<String> aloneProperties = new ArrayList<>(properties);
        aloneProperties.add("app.cors.enabled=false");
        CorsConfig policy = CorsConfig.builder()
            .allowedOrigins(APP)
            .allowCredentials(true)
            .allowedMethods("PUT", "DELETE")
            .allowedHeaders("Content-Type", "X-Request-Id")
            .exposedHeaders("X-Total-Count")
            .maxAge(Duration.ofMinutes(10))
            .build();
        CorsPolicy defaultPolicy = CorsPolicy.compile(policy);
        CorsPolicy publicPolicy = CorsPolicy.compile(policy.toBuilder().allowedOrigins("*").allowCredentials(false)
            .build());
        try (ConfigurableApplicationContext shadow = startGateway(shadowProperties.toArray(String[]::new));
                ConfigurableApplicationContext alone = startGateway(aloneProperties.toArray(String[]::new))) {
            ShadowReport report = shadow.getBean(CorsJudge.class).shadowReport();
            List<String> failures = new ArrayList<>();
            List<String> verdicts = new ArrayList<>();
            for (String route : List.of("plain", "star", "cross", "public")) {
                List<Case> rows = new ArrayList<>();
                for (String origin : new String[] { APP, OTHER, EVIL }) {
                    rows.add(actual(route, origin, 0, NONE));
                }
                for (String origin : new String[] { APP, EVIL }) {
                    rows.add(preflight(route, origin, 0, NONE));
                }
                for (Case row : rows) {
                    report.reset();
                    HttpResponse<String> expected = send(port(alone), row);
                    HttpResponse<String> actual = send(port(shadow), row);
                    if (!wire(actual).equals(wire(expected))) {
                        failures.add(row + ": the response differs from the gateway's own" + System.lineSeparator()
                                + "  alone:  " + wire(expected) + System.lineSeparator() + "  shadow: " + wire(actual));
                    }
                    CorsRequest request = new RowRequest(row);
                    CorsPolicy rowPolicy = route.equals("public") ? publicPolicy : defaultPolicy;
                    CorsDifference difference = CorsDifference.between(request, new ResponseAnswer(expected),
                            rowPolicy.evaluate(request));
                    String wanted = (difference != null)
                            ? difference.verdict().tag() + "/" + difference.aspect().tag() : "none";
                    String recorded = recorded(report);
                    if (!recorded.equals(wanted)) {
                        failures.add(row + ": expected " + wanted + ", recorded " + recorded + ", sent "
                                + wire(expected));
                    }
                    verdicts.add(recorded);
                }
            }
            assertThat(failures).isEmpty();
            assertThat(verdicts).as("the table shows each verdict").anyMatch((v) -> v.startsWith("would-break"))
                .anyMatch((v) -> v.startsWith("would-open"))
                .contains("none");
        }
    }

    /** The difference the report holds for the one request sent since its reset, once it was compared. */
    private static String recorded(ShadowReport report) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (report.snapshot().shadowRequests() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        List<ShadowReport.Difference> differences = report.snapshot().differences();
        if (differences.isEmpty()) {
            return "none";
        }
        return String.join(", ", differences.stream()
            .map((d) -> d.difference().verdict().tag() + "/" + d.difference().aspect().tag())
            .toList());
    }

    /** A response as a client reads it, but for its date. */
    private static String wire(HttpResponse<String> response) {
        StringBuilder text = new StringBuilder().append(response.statusCode());
        new TreeMap<>(response.headers().map()).forEach((name, values) -> {
            if (!name.equalsIgnoreCase("date")) {
                text.append(" | ").append(name.toLowerCase(Locale.ROOT)).append(": ").append(values);
            }
        });
        return text.append(" | ").append(response.body().replaceAll("\"timestamp\":\"[^\"]*\"", "")
            .replaceAll("\"requestId\":\"[^\"]*\"", "")).toString();
    }

    /** A row as the engine reads a request: what {@link #send(int, Case)} sends. */
    private record RowRequest(Case row) implements CorsRequest {

        @Override
        public String method() {
            return this.row.method();
        }

        @Override
        public String header(String name) {
            if (name.equalsIgnoreCase("Origin")) {
                return this.row.origin();
            }
            if (this.row.requestMethod() != null && name.equalsIgnoreCase("Access-Control-Request-Method")) {
                return this.row.requestMethod();
            }
            if (this.row.requestMethod() != null && name.equalsIgnoreCase("Access-Control-Request-Headers")) {
                return "content-type";
            }
            return null;
        }

    }

    /** A response as a browser's CORS checks read it. */
    private record ResponseAnswer(HttpResponse<String> response) implements CorsAnswer {

        @Override
        public int status() {
            return this.response.statusCode();
        }

        @Override
        public String header(String name) {
            return this.response.headers().firstValue(name).orElse(null);
        }

        @Override
        public Iterable<String> headers(String name) {
            return this.response.headers().allValues(name);
        }

    }

    private static HttpResponse<String> send(int port, Case row) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + row.path()))
            .timeout(Duration.ofSeconds(20))
            .method(row.method(), HttpRequest.BodyPublishers.noBody());
        if (row.origin() != null) {
            request.header("Origin", row.origin());
        }
        if (row.requestMethod() != null) {
            request.header("Access-Control-Request-Method", row.requestMethod());
            request.header("Access-Control-Request-Headers", "content-type");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> corsLines(HttpResponse<?> response) {
        Map<String, String> cors = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        response.headers().map().forEach((name, values) -> {
            if (CorsHeaders.isResponseHeader(name)) {
                cors.put(canonical(name), String.join(" | ", values));
            }
        });
        return new LinkedHashMap<>(cors);
    }

    private static String canonical(String name) {
        for (String known : CorsHeaders.RESPONSE_HEADERS) {
            if (known.equalsIgnoreCase(name)) {
                return known;
            }
        }
        return name;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> seen(ConfigurableApplicationContext service) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest
            .newBuilder(URI.create("http://127.0.0.1:" + port(service) + "/__seen"))
            .build(), HttpResponse.BodyHandlers.ofString());
        return (List<Map<String, Object>>) (List<?>) JsonParserFactory.getJsonParser().parseList(response.body());
    }

    protected static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    /**
     * One request through the gateway and the CORS headers its response must carry, exactly.
     *
     * @param what what the row shows
     * @param method the method
     * @param path the path
     * @param origin the Origin, or {@code null}
     * @param requestMethod a preflight's Access-Control-Request-Method, or {@code null}
     * @param status the status, or 0 for any server error
     * @param cors every Access-Control-* header and its value
     */
    record Case(String what, String method, String path, String origin, String requestMethod, int status,
            Map<String, String> cors) {

        @Override
        public String toString() {
            return this.what + ": " + this.method + " " + this.path + " from "
                    + ((this.origin != null) ? this.origin : "no Origin");
        }

    }

}
