package dev.fetchcors.autoconfigure.shadow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import dev.fetchcors.autoconfigure.http.RawHttp.Response;
import dev.fetchcors.autoconfigure.http.RawHttp;
import dev.fetchcors.autoconfigure.http.TestApps;
import dev.fetchcors.autoconfigure.judge.CorsJudge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.filter.CorsFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Shadow mode beside the CORS an application already has, on real servers: {@code @CrossOrigin}, a
 * {@code CorsFilter} ({@code CorsWebFilter}) bean, and Spring Security's {@code cors()}, on Spring MVC and WebFlux.
 * Every request of the table goes to the application with the starter in shadow mode and to the same application
 * without the starter: the two responses are the same, line for line, and the starter records a difference exactly
 * where a browser would judge its policy's answer otherwise than the application's, of the expected verdict and
 * aspect, and none elsewhere.
 */
@ExtendWith(OutputCaptureExtension.class)
public class ShadowModeHttpTests {

    public static final String APP = "https://app.example.com";

    /** Allowed by the application's CORS only: forgotten in the policy. */
    static final String OLD = "https://old.example";

    /** Allowed by the policy only. */
    static final String NEW = "https://new.example";

    static final String EVIL = "https://evil.example";

    /** The expected difference of a failed request: see {@link #errorDifference}. */
    private static final String ERROR_RESPONSE = "as the error response says";

    private static final String HAND_WRITTEN = "as the Vary sent says";

    /** The application's own CORS, the same in each of its three forms. */
    static CorsConfiguration springConfiguration() {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(List.of(APP, OLD));
        configuration.setAllowedMethods(List.of("GET", "POST", "PUT"));
        configuration.setAllowedHeaders(List.of("Content-Type", "X-Request-Id"));
        configuration.setExposedHeaders(List.of("X-Total-Count"));
        configuration.setAllowCredentials(true);
        configuration.setMaxAge(600L);
        return configuration;
    }

    /** The policy in shadow mode: the application's, with its origins changed and a few per-path differences. */
    static final String[] SHADOW = { "app.cors.mode=shadow", "app.cors.allowed-origins=" + APP + "," + NEW,
            "app.cors.allowed-methods=PUT,DELETE", "app.cors.allowed-headers=Content-Type,X-Request-Id",
            "app.cors.exposed-headers=X-Total-Count", "app.cors.allow-credentials=true", "app.cors.max-age=600",
            "app.cors.policies[0].name=exposed", "app.cors.policies[0].path-patterns=/api/exposed",
            "app.cors.policies[0].exposed-headers=X-Total-Count,X-Page", "app.cors.policies[1].name=max-age",
            "app.cors.policies[1].path-patterns=/api/max-age", "app.cors.policies[1].max-age=20m",
            "app.cors.policies[2].name=credentials", "app.cors.policies[2].path-patterns=/api/credentials",
            "app.cors.policies[2].allow-credentials=false" };

    /** Each request, and the difference expected ({@code verdict/aspect}), or {@code null} for none. */
    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("allowed preflight, same answer", null, "OPTIONS", "/api/items", "Origin", APP,
                "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "content-type"));
        rows.add(new Row("allowed request, same answer", null, "GET", "/api/items", "Origin", APP));
        rows.add(new Row("allowed request with a cookie, same answer", null, "GET", "/api/items", "Origin", APP,
                "Cookie", "session=1"));
        rows.add(new Row("not a CORS request", null, "GET", "/api/items"));
        rows.add(new Row("refused by both", null, "GET", "/api/items", "Origin", EVIL));
        rows.add(new Row("preflight refused by both", null, "OPTIONS", "/api/items", "Origin", EVIL,
                "Access-Control-Request-Method", "PUT"));
        rows.add(new Row("preflight for a header neither allows", null, "OPTIONS", "/api/items", "Origin", APP,
                "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "x-other"));
        rows.add(new Row("an origin the policy forgot", "would-break/origin", "GET", "/api/items", "Origin", OLD));
        rows.add(new Row("a preflight from the origin the policy forgot", "would-break/origin", "OPTIONS",
                "/api/items", "Origin", OLD, "Access-Control-Request-Method", "PUT"));
        rows.add(new Row("an origin only the policy allows", "would-open/origin", "GET", "/api/items", "Origin",
                NEW));
        rows.add(new Row("a preflight from an origin only the policy allows", "would-open/origin", "OPTIONS",
                "/api/items", "Origin", NEW, "Access-Control-Request-Method", "PUT"));
        // Spring refuses the method with a bare 403: a browser sees no Access-Control-Allow-Origin at all.
        rows.add(new Row("a method only the policy allows", "would-open/origin", "OPTIONS", "/api/items", "Origin",
                APP, "Access-Control-Request-Method", "DELETE"));
        rows.add(new Row("exposed headers differ", "would-change/exposed-headers", "GET", "/api/exposed", "Origin",
                APP));
        rows.add(new Row("exposed headers do not matter to a preflight", null, "OPTIONS", "/api/exposed", "Origin",
                APP, "Access-Control-Request-Method", "PUT"));
        rows.add(new Row("max-age differs", "would-change/max-age", "OPTIONS", "/api/max-age", "Origin", APP,
                "Access-Control-Request-Method", "PUT"));
        rows.add(new Row("max-age does not matter to a request", null, "GET", "/api/max-age", "Origin", APP));
        rows.add(new Row("credentials differ, the request shows none", "would-change/credentials", "GET",
                "/api/credentials", "Origin", APP));
        rows.add(new Row("credentials differ, the request has a cookie", "would-break/credentials", "GET",
                "/api/credentials", "Origin", APP, "Cookie", "session=1"));
        rows.add(new Row("credentials differ for a preflight", "would-change/credentials", "OPTIONS",
                "/api/credentials", "Origin", APP, "Access-Control-Request-Method", "PUT"));
        // Behind @CrossOrigin nothing else writes Vary; Framework 6.2's CorsFilter and CorsWebFilter add it to every
        // response they see, Framework 7's only where they answer: the difference follows from what was sent.
        rows.add(new Row("an answer written by hand, without Vary", HAND_WRITTEN, "GET", "/hand/written",
                "Origin", APP));
        rows.add(new Row("a JSON PUT, which followed a preflight both allow", null, "PUT", "/api/items", "Origin",
                APP, "Content-Type", "application/json", "Content-Length", "0"));
        rows.add(new Row("a JSON PUT from the origin the policy forgot", "would-break/origin", "PUT", "/api/items",
                "Origin", OLD, "Content-Type", "application/json", "Content-Length", "0"));
        // Spring checks an actual request's method as well: a DELETE it does not list gets 403.
        rows.add(new Row("a DELETE only the policy allows", "would-open/origin", "DELETE", "/api/items", "Origin",
                APP));
        // What the error handling and an async answer send is compared, once they are final.
        rows.add(new Row("a failure, from the allowed origin", ERROR_RESPONSE, "GET", "/api/fails", "Origin", APP));
        rows.add(new Row("a failure, from the origin the policy forgot", ERROR_RESPONSE, "GET", "/api/fails",
                "Origin", OLD));
        rows.add(new Row("a later answer, from the allowed origin", null, "GET", "/api/later", "Origin", APP));
        rows.add(new Row("a later answer, from the origin the policy forgot", "would-break/origin", "GET",
                "/api/later", "Origin", OLD));
        return rows;
    }

    static Stream<Arguments> applications() {
        return Stream.of(Arguments.of("Spring MVC beside @CrossOrigin", false, CrossOriginApp.class, false),
                Arguments.of("Spring MVC beside a CorsFilter bean", false, CorsFilterApp.class, false),
                Arguments.of("Spring MVC beside a CorsFilter registered at the highest precedence", false,
                        FirstCorsFilterApp.class, false),
                Arguments.of("Spring MVC beside Spring Security's cors()", false, SecurityApp.class, true),
                Arguments.of("WebFlux beside @CrossOrigin", true, CrossOriginApp.class, false),
                Arguments.of("WebFlux beside a CorsWebFilter bean", true, CorsWebFilterApp.class, false),
                Arguments.of("WebFlux beside a CorsWebFilter ordered first", true, FirstCorsWebFilterApp.class,
                        false),
                Arguments.of("WebFlux beside Spring Security's cors()", true, ReactiveSecurityApp.class, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("applications")
    void theWireIsTheApplicationsAndEveryDifferenceIsRecorded(String name, boolean reactive, Class<?> app,
            boolean security) throws Exception {
        try (ConfigurableApplicationContext shadow = start(reactive, app, security, SHADOW);
                ConfigurableApplicationContext alone = start(reactive, app, security, "app.cors.enabled=false")) {
            ShadowReport report = shadow.getBean(CorsJudge.class).shadowReport();
            List<String> failures = new ArrayList<>();
            for (Row row : rows()) {
                report.reset();
                Response expected = RawHttp.send(TestApps.port(alone), row.method, row.path, row.headers);
                Response actual = RawHttp.send(TestApps.port(shadow), row.method, row.path, row.headers);
                if (!wire(actual).equals(wire(expected))) {
                    failures.add(row.name + ": the response differs from the application's own"
                            + System.lineSeparator() + "  alone:  " + wire(expected) + System.lineSeparator()
                            + "  shadow: " + wire(actual));
                }
                boolean cors = row.header("Origin") != null;
                ShadowReport.Snapshot snapshot = awaitCompared(report, cors ? 1 : 0);
                List<String> recorded = snapshot.differences()
                    .stream()
                    .map((d) -> d.difference().verdict().tag() + "/" + d.difference().aspect().tag())
                    .toList();
                String expectedDifference = ERROR_RESPONSE.equals(row.expected)
                        ? errorDifference(row.header("Origin"), expected)
                        : HAND_WRITTEN.equals(row.expected) ? varyDifference(expected) : row.expected;
                List<String> wanted = (expectedDifference != null) ? List.of(expectedDifference) : List.of();
                if (!recorded.equals(wanted)) {
                    failures.add(row.name + ": expected " + wanted + ", recorded " + recorded + " "
                            + snapshot.differences().stream().map(ShadowReport.Difference::reason).toList()
                            + System.lineSeparator() + "  sent: " + wire(actual));
                }
                if (snapshot.shadowRequests() != (cors ? 1 : 0)) {
                    failures.add(row.name + ": " + snapshot.shadowRequests() + " requests compared");
                }
            }
            assertThat(failures).as(name).isEmpty();
        }
    }

    /**
     * A subclass of Spring's CORS filter cannot be watched: ordered before the starter's filter, it stops the
     * application in shadow mode, named with its order and the order to give it; with a candidate policy only, a
     * WARN says the same. Ordered after the starter's filter, it hides nothing.
     */
    @ParameterizedTest(name = "reactive: {0}")
    @ValueSource(booleans = { false, true })
    void aFilterTheStarterCannotWatchStopsShadowModeAtStartup(boolean reactive, CapturedOutput output) {
        Class<?> app = reactive ? OwnCorsWebFilterApp.class : OwnCorsFilterApp.class;
        assertThatException().isThrownBy(() -> start(reactive, app, false, SHADOW));
        String name = reactive ? "firstCorsWebFilter" : "firstCorsFilter";
        String type = reactive ? OwnCorsWebFilter.class.getName() : OwnCorsFilter.class.getName();
        assertThat(output).contains("APPLICATION FAILED TO START", "Property: app.cors.mode", "Value: \"shadow\"",
                "filter '" + name + "' (" + type + ", order -2147483648) runs before the starter's filter (order"
                        + " -110)",
                "give it an order after the starter's filter (-109 or later");
        try (ConfigurableApplicationContext candidate = start(reactive, app, false,
                "app.cors.allowed-origins=" + APP, "app.cors.candidate.allowed-origins=" + NEW)) {
            assertThat(output).contains("Candidate policies cannot see every request (1 problem)",
                    "Property: app.cors.candidate");
        }
        try (ConfigurableApplicationContext later = start(reactive, app, false,
                concat(SHADOW, "test.own-filter-order=-109"))) {
            assertThat(later.isRunning()).isTrue();
        }
    }

    /**
     * Spring Security's {@code http.cors()} answers inside its filter chain: where {@code spring.security.filter.order}
     * puts that chain before the starter's filter, shadow mode would not see the preflights and refusals it answers,
     * and the application stops, naming the chain and the property. At its default order (-100) it hides nothing.
     */
    @Test
    void springSecuritysCorsOrderedBeforeTheStarterStopsShadowModeAtStartup(CapturedOutput output) {
        assertThatException().isThrownBy(() -> start(false, SecurityApp.class, true,
                concat(SHADOW, "spring.security.filter.order=-200")));
        assertThat(output).contains("APPLICATION FAILED TO START", "Property: app.cors.mode",
                "filter 'springSecurityFilterChain (Spring Security's http.cors(), ordered by"
                        + " spring.security.filter.order)' (" + CorsFilter.class.getName() + ", order -200) runs"
                        + " before the starter's filter (order -110)");
        try (ConfigurableApplicationContext atDefault = start(false, SecurityApp.class, true, SHADOW)) {
            assertThat(atDefault.isRunning()).isTrue();
        }
    }

    /**
     * Where Spring's CORS came from {@code @CrossOrigin} on one controller, the advice names a per-path policy for its
     * paths, not a setting of every path; followed, it changes that path only.
     */
    @ParameterizedTest(name = "reactive: {0}")
    @ValueSource(booleans = { false, true })
    void adviceNamesAPerPathPolicyWhereSpringsCorsCoversSomePaths(boolean reactive) throws Exception {
        try (ConfigurableApplicationContext shadow = start(reactive, OneControllerApp.class, false,
                "app.cors.mode=shadow", "app.cors.allowed-origins=" + APP)) {
            ShadowReport report = shadow.getBean(CorsJudge.class).shadowReport();
            RawHttp.send(TestApps.port(shadow), "GET", "/legacy/items", "Origin", OLD);
            RawHttp.send(TestApps.port(shadow), "GET", "/api/items", "Origin", APP);
            List<String> reasons = awaitCompared(report, 2).differences()
                .stream()
                .map(ShadowReport.Difference::reason)
                .toList();
            assertThat(reasons).hasSize(2)
                .anySatisfy((reason) -> assertThat(reason).startsWith("Would break:")
                    .contains("Spring's own CORS answered this path from @CrossOrigin on LegacyEndpoints"
                            + " (/legacy/items), not every path: make the change in a per-path policy for"
                            + " /legacy/items"))
                .anySatisfy((reason) -> assertThat(reason).startsWith("Would open:")
                    .contains("Spring's own CORS covers only some paths (@CrossOrigin on LegacyEndpoints"
                            + " /legacy/items), and not this one"));
        }
        try (ConfigurableApplicationContext advised = start(reactive, OneControllerApp.class, false,
                "app.cors.mode=shadow", "app.cors.policies[0].name=legacy",
                "app.cors.policies[0].path-patterns=/legacy/items", "app.cors.policies[0].allowed-origins=" + OLD,
                "app.cors.policies[0].allow-credentials=true")) {
            ShadowReport report = advised.getBean(CorsJudge.class).shadowReport();
            RawHttp.send(TestApps.port(advised), "GET", "/legacy/items", "Origin", OLD);
            RawHttp.send(TestApps.port(advised), "GET", "/api/items", "Origin", OLD);
            ShadowReport.Snapshot snapshot = awaitCompared(report, 1);
            assertThat(snapshot.differences()).isEmpty();
        }
    }

    private static String[] concat(String[] properties, String... more) {
        return Stream.concat(Stream.of(properties), Stream.of(more)).toArray(String[]::new);
    }

    /**
     * A response that echoes the origin is only safe to cache with {@code Vary: Origin}: where the application sent
     * none, the policy's answer (which has it) changes what a cache may do.
     */
    static String varyDifference(Response alone) {
        boolean varies = alone.all("Vary").stream()
            .flatMap((line) -> java.util.Arrays.stream(line.split(",")))
            .anyMatch((token) -> token.strip().equalsIgnoreCase("Origin"));
        return varies ? null : "would-change/vary";
    }

    /**
     * Whether an error response keeps the CORS headers written before the failure is the error handling's choice,
     * which differs by stack: the difference expected follows from what the application alone sent. The policy
     * allows {@link #APP} as the application does, and refuses {@link #OLD}.
     */
    static String errorDifference(String origin, Response alone) {
        boolean allowedByApplication = origin.equals(alone.first("Access-Control-Allow-Origin"));
        if (APP.equals(origin)) {
            return allowedByApplication ? null : "would-open/origin";
        }
        return allowedByApplication ? "would-break/origin" : null;
    }

    static ConfigurableApplicationContext start(boolean reactive, Class<?> app, boolean security,
            String... properties) {
        return reactive ? TestApps.reactive(app, security, properties)
                : TestApps.servlet(app, security, properties);
    }

    /** The response as a client reads it, but for the date, and the time and id in an error's body. */
    public static String wire(Response response) {
        StringBuilder text = new StringBuilder().append(response.status());
        for (String[] header : response.headers()) {
            if (!header[0].equalsIgnoreCase("Date")) {
                text.append(" | ").append(header[0].toLowerCase(Locale.ROOT)).append(": ").append(header[1]);
            }
        }
        String body = response.body()
            .replaceAll("\"timestamp\":\"[^\"]*\"", "\"timestamp\":…")
            .replaceAll("\"requestId\":\"[^\"]*\"", "\"requestId\":…");
        return text.append(" | ").append(body).toString();
    }

    /**
     * The report once the given number of requests were compared: a servlet request is compared after its response
     * went out, so the client may read it first.
     */
    public static ShadowReport.Snapshot awaitCompared(ShadowReport report, long requests) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        ShadowReport.Snapshot snapshot = report.snapshot();
        while (snapshot.shadowRequests() < requests && System.nanoTime() < deadline) {
            Thread.sleep(5);
            snapshot = report.snapshot();
        }
        // And a moment more, for a comparison that should not happen to show up.
        Thread.sleep(requests == 0 ? 50 : 0);
        return report.snapshot();
    }

    record Row(String name, String expected, String method, String path, String... headers) {

        String header(String name) {
            for (int i = 0; i < this.headers.length; i += 2) {
                if (this.headers[i].equalsIgnoreCase(name)) {
                    return this.headers[i + 1];
                }
            }
            return null;
        }

    }

    /** The endpoints every application has; CORS is added by each application its own way. */
    abstract static class Endpoints {

        @RequestMapping(path = { "/api/items", "/api/exposed", "/api/max-age", "/api/credentials" },
                method = { RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT, RequestMethod.DELETE })
        ResponseEntity<String> items() {
            return ResponseEntity.ok().header("X-Total-Count", "3").header("X-Page", "1").body("items");
        }

        /** Fails: the response is the error handling's. */
        @GetMapping("/api/fails")
        String fails() {
            throw new IllegalStateException("fails on purpose");
        }

        /** Answers later, on another thread: an async request on Spring MVC. */
        @GetMapping("/api/later")
        CompletableFuture<String> later() {
            return CompletableFuture.supplyAsync(() -> "later");
        }

    }

    /** CORS the way some applications write it: by hand, echoing the origin, without Vary. */
    @RestController
    static class HandWritten {

        @GetMapping("/hand/written")
        ResponseEntity<String> handWritten(@RequestHeader(name = "Origin", required = false) String origin) {
            ResponseEntity.BodyBuilder response = ResponseEntity.ok();
            if (APP.equals(origin)) {
                response.header("Access-Control-Allow-Origin", origin)
                    .header("Access-Control-Allow-Credentials", "true")
                    .header("Access-Control-Expose-Headers", "X-Total-Count");
            }
            return response.body("by hand");
        }

    }

    @RestController
    @Import(HandWritten.class)
    static class PlainEndpoints extends Endpoints {

    }

    @RestController
    @Import(HandWritten.class)
    @CrossOrigin(origins = { APP, OLD }, methods = { RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT },
            allowedHeaders = { "Content-Type", "X-Request-Id" }, exposedHeaders = "X-Total-Count",
            allowCredentials = "true", maxAge = 600)
    static class CrossOriginEndpoints extends Endpoints {

    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(CrossOriginEndpoints.class)
    static class CrossOriginApp {

    }

    /** Spring's CORS on one controller only. */
    @RestController
    @CrossOrigin(origins = OLD, allowCredentials = "true")
    static class LegacyEndpoints {

        @GetMapping("/legacy/items")
        String items() {
            return "legacy";
        }

    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import({ PlainEndpoints.class, LegacyEndpoints.class })
    static class OneControllerApp {

    }

    /** No CORS of the application's own. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(PlainEndpoints.class)
    static class PlainApp {

    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(PlainEndpoints.class)
    static class CorsFilterApp {

        @Bean
        CorsFilter springCorsFilter() {
            UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
            source.registerCorsConfiguration("/api/**", springConfiguration());
            return new CorsFilter(source);
        }

    }

    /**
     * Spring's {@code CorsFilter} the way many guides register it, before every other filter: it answers preflights
     * and refuses origins without passing them on.
     */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(PlainEndpoints.class)
    public static class FirstCorsFilterApp {

        @Bean
        FilterRegistrationBean<CorsFilter> springCorsFilter() {
            UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
            source.registerCorsConfiguration("/api/**", springConfiguration());
            FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(new CorsFilter(source));
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }

    }

    /** A subclass of Spring's {@code CorsFilter}: the starter cannot stand in front of it. */
    static class OwnCorsFilter extends CorsFilter {

        OwnCorsFilter(UrlBasedCorsConfigurationSource source) {
            super(source);
        }

    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(PlainEndpoints.class)
    static class OwnCorsFilterApp {

        @Bean
        FilterRegistrationBean<OwnCorsFilter> firstCorsFilter(
                @Value("${test.own-filter-order:" + Ordered.HIGHEST_PRECEDENCE + "}") int order) {
            UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
            source.registerCorsConfiguration("/api/**", springConfiguration());
            FilterRegistrationBean<OwnCorsFilter> registration = new FilterRegistrationBean<>(
                    new OwnCorsFilter(source));
            registration.setOrder(order);
            return registration;
        }

    }

    /** A subclass of Spring's {@code CorsWebFilter}, with an order of its own. */
    static class OwnCorsWebFilter extends CorsWebFilter implements Ordered {

        private final int order;

        OwnCorsWebFilter(org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource source, int order) {
            super(source);
            this.order = order;
        }

        @Override
        public int getOrder() {
            return this.order;
        }

    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(PlainEndpoints.class)
    static class OwnCorsWebFilterApp {

        @Bean
        OwnCorsWebFilter firstCorsWebFilter(
                @Value("${test.own-filter-order:" + Ordered.HIGHEST_PRECEDENCE + "}") int order) {
            org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource source =
                    new org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource();
            source.registerCorsConfiguration("/api/**", springConfiguration());
            return new OwnCorsWebFilter(source, order);
        }

    }

    /** Spring's {@code CorsWebFilter} with an order of its own, before every other filter. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(PlainEndpoints.class)
    public static class FirstCorsWebFilterApp {

        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        CorsWebFilter springCorsWebFilter() {
            org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource source =
                    new org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource();
            source.registerCorsConfiguration("/api/**", springConfiguration());
            return new CorsWebFilter(source);
        }

    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(PlainEndpoints.class)
    static class CorsWebFilterApp {

        @Bean
        CorsWebFilter springCorsWebFilter() {
            org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource source =
                    new org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource();
            source.registerCorsConfiguration("/api/**", springConfiguration());
            return new CorsWebFilter(source);
        }

    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(PlainEndpoints.class)
    static class SecurityApp {

        @Bean
        SecurityFilterChain security(HttpSecurity http) throws Exception {
            return http.cors(Customizer.withDefaults())
                .csrf((csrf) -> csrf.disable())
                .authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
                .build();
        }

        @Bean
        UrlBasedCorsConfigurationSource corsConfigurationSource() {
            UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
            source.registerCorsConfiguration("/api/**", springConfiguration());
            return source;
        }

    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(PlainEndpoints.class)
    static class ReactiveSecurityApp {

        @Bean
        SecurityWebFilterChain security(ServerHttpSecurity http) {
            return http.cors(Customizer.withDefaults())
                .csrf((csrf) -> csrf.disable())
                .authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
                .build();
        }

        @Bean
        org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource corsConfigurationSource() {
            org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource source =
                    new org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource();
            source.registerCorsConfiguration("/api/**", springConfiguration());
            return source;
        }

    }

}
