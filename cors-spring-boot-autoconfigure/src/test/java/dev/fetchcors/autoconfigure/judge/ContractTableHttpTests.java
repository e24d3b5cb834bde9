package dev.fetchcors.autoconfigure.judge;

import dev.fetchcors.autoconfigure.http.TestApps;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.NamedCorsPolicy;
import dev.fetchcors.core.CorsCase;
import dev.fetchcors.core.CorsCases;
import dev.fetchcors.core.CorsConfig;
import dev.fetchcors.core.CorsPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every row of the engine's contract table ({@link CorsCases}) that HTTP can carry, sent to a real Spring MVC
 * application on Tomcat and a real WebFlux application on Netty whose policy is the row's, over HTTP/1.1 and over
 * HTTP/2 (h2c, {@code server.http2.enabled=true}): the engine and both adapters answer alike, row for row and
 * whatever the protocol, so they cannot drift apart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContractTableHttpTests {

    /** The policy of the row under test; rows run one after the other. */
    private static final AtomicReference<NamedCorsPolicy> current = new AtomicReference<>();

    /** What Tomcat and Netty accept of request headers by default, with room for the client's own. */
    private static final int SERVER_HEADER_LIMIT = 7 * 1024;

    private final Map<CorsConfig, CorsPolicy> policies = new IdentityHashMap<>();

    private final HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();

    /** Upgrades its first connection to each server to h2c, then sends everything over HTTP/2. */
    private final HttpClient http2Client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_2)
        .connectTimeout(Duration.ofSeconds(10))
        .build();

    private final Map<String, ConfigurableApplicationContext> servers = new LinkedHashMap<>();

    @BeforeAll
    void start() {
        this.servers.put("Tomcat", TestApps.servlet(ContractApp.class, false));
        this.servers.put("Netty", TestApps.reactive(ContractApp.class, false));
        this.servers.put("Tomcat h2c", TestApps.servlet(ContractApp.class, false, "server.http2.enabled=true"));
        this.servers.put("Netty h2c", TestApps.reactive(ContractApp.class, false, "server.http2.enabled=true"));
    }

    @AfterAll
    void stop() {
        this.servers.values().forEach(ConfigurableApplicationContext::close);
    }

    Stream<Arguments> rows() {
        List<Arguments> rows = new ArrayList<>();
        for (CorsCase row : CorsCases.sendableOverHttp()) {
            for (String server : List.of("Tomcat", "Netty", "Tomcat h2c", "Netty h2c")) {
                rows.add(Arguments.of(server, row));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("rows")
    void answersAsTheEngineDecides(String server, CorsCase row) throws Exception {
        current.set(NamedCorsPolicy.of("row", this.policies.computeIfAbsent(row.config(), CorsPolicy::compile)));
        int port = TestApps.port(this.servers.get(server));
        boolean http2 = server.endsWith("h2c");
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/contract"))
                .timeout(Duration.ofSeconds(20))
                .method(row.request().method(), HttpRequest.BodyPublishers.noBody());
            for (String[] line : row.request().lines()) {
                builder.header(line[0], line[1]);
            }
            request = builder.build();
        }
        catch (IllegalArgumentException ex) {
            assumeTrue(false, "The JDK client cannot send this request: " + ex.getMessage());
            return;
        }
        int headerBytes = row.request().lines().stream().mapToInt((line) -> line[0].length() + line[1].length() + 4)
            .sum();
        HttpResponse<String> response;
        try {
            response = (http2 ? this.http2Client : this.client).send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            // Over HTTP/2 a server may reset the stream of a request whose headers are over its limit: refused
            // before any filter runs, and never a 5xx.
            assumeTrue(!(http2 && headerBytes > SERVER_HEADER_LIMIT), "refused by the server: " + ex);
            throw ex;
        }
        String description = row.name() + " on " + server + ": " + response.headers().map();
        if (http2 && headerBytes <= SERVER_HEADER_LIMIT) {
            assertThat(response.version()).as(description).isEqualTo(HttpClient.Version.HTTP_2);
        }

        if (headerBytes > SERVER_HEADER_LIMIT) {
            // Tomcat (400) and Netty (431) refuse such a request before any filter runs: never a 5xx.
            assertThat(response.statusCode()).as(description).isIn(400, 431);
            assertThat(response.headers().map().keySet()).as(description)
                .noneMatch((name) -> name.toLowerCase(Locale.ROOT).startsWith("access-control-"));
            return;
        }
        boolean passedOnPreflight = row.answeredStatus() == null && row.request().method().equals("OPTIONS")
                && row.request().header("Access-Control-Request-Method") != null
                && row.request().header("Origin") != null;
        if (row.answeredStatus() != null) {
            assertThat(response.statusCode()).as(description).isEqualTo(row.answeredStatus());
            assertThat(response.body()).as(description).isEmpty();
        }
        else if (passedOnPreflight) {
            // preflight-passthrough hands the preflight to the application: Spring Framework 7 answers it 200,
            // Framework 6.2's handler mapping refuses a preflight it has no CORS configuration for with 403.
            assertThat(response.statusCode()).as(description).isIn(200, 403);
        }
        else if (row.request().method().equals("OPTIONS")) {
            // Passed on: Spring's own OPTIONS handling answers it, with an Allow header and no body.
            assertThat(response.statusCode()).as(description).isEqualTo(200);
        }
        else {
            assertThat(response.statusCode()).as(description).isEqualTo(200);
            assertThat(response.body()).as(description).isEqualTo("passed on");
        }

        Map<String, List<String>> cors = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        response.headers().map().forEach((name, values) -> {
            if (name.toLowerCase(Locale.ROOT).startsWith("access-control-")) {
                cors.put(name, values);
            }
        });
        assertThat(cors.keySet().stream().map((name) -> name.toLowerCase(Locale.ROOT)).toList()).as(description)
            .containsExactlyInAnyOrderElementsOf(
                    row.headers().keySet().stream().map((name) -> name.toLowerCase(Locale.ROOT)).toList());
        row.headers().forEach((name, value) -> assertThat(cors.get(name)).as(description + " " + name)
            .containsExactly(value));

        List<String> vary = response.headers().allValues("Vary").stream()
            .flatMap((line) -> Stream.of(line.split(",")))
            .map(String::strip)
            .filter((token) -> !token.isEmpty())
            .toList();
        if (passedOnPreflight) {
            // Framework 6.2 adds its own preflight Vary tokens on the way through.
            if (row.vary() != null) {
                assertThat(vary).as(description)
                    .containsAll(Stream.of(row.vary().split(",")).map(String::strip).toList());
            }
        }
        else if (row.vary() == null) {
            assertThat(vary).as(description).noneMatch((token) -> token.equalsIgnoreCase("Origin")
                    || token.toLowerCase(Locale.ROOT).startsWith("access-control-"));
        }
        else {
            List<String> expected = Stream.of(row.vary().split(",")).map(String::strip).toList();
            assertThat(vary).as(description).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(ContractController.class)
    static class ContractApp {

        @Bean
        CorsPolicyResolver contractRowPolicy() {
            return (request) -> current.get();
        }

    }

    @RestController
    static class ContractController {

        @RequestMapping("/contract")
        String passedOn() {
            return "passed on";
        }

    }

}
