package dev.fetchcors.autoconfigure;

import dev.fetchcors.autoconfigure.http.HttpCases;
import dev.fetchcors.autoconfigure.http.TestApps;

import dev.fetchcors.autoconfigure.http.HttpCase;
import dev.fetchcors.autoconfigure.http.TestController;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.cors.CorsConfiguration;

import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_HEADERS;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_METHODS;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_ORIGIN;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_EXPOSE_HEADERS;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_MAX_AGE;
import static dev.fetchcors.autoconfigure.http.HttpCase.request;
import static dev.fetchcors.autoconfigure.http.HttpCases.APP;
import static dev.fetchcors.autoconfigure.http.HttpCases.EVIL;
import static dev.fetchcors.autoconfigure.http.HttpCases.PREFLIGHT_VARY;

/**
 * An application being migrated: the starter is configured, and Spring Security's own {@code cors()} is still on
 * with the application's {@code corsConfigurationSource}, everything authenticated. The starter runs first and
 * sets its headers, and Spring's processor leaves a response that already has {@code Access-Control-Allow-Origin}
 * alone, so no response ever carries two lines of a CORS header. Each stack's settings deliberately differ from
 * the starter's (methods, headers, exposed headers, max age), so the values show which one answered.
 */
class SecurityCorsInteropHttpTests {

    /** Allowed by Spring Security's source only. */
    static final String OTHER = "https://other.example";

    private static final String[] PROPERTIES = { "app.cors.allowed-origins=https://app.example.com",
            "app.cors.allowed-methods=PUT,DELETE", "app.cors.allowed-headers=Authorization,Content-Type",
            "app.cors.exposed-headers=X-Total-Count", "app.cors.allow-credentials=true", "app.cors.max-age=10m",
            "spring.security.user.name=user", "spring.security.user.password=secret" };

    private static ConfigurableApplicationContext servlet;

    private static ConfigurableApplicationContext reactive;

    @BeforeAll
    static void start() {
        servlet = TestApps.servlet(MvcSecuredApp.class, true, PROPERTIES);
        reactive = TestApps.reactive(FluxSecuredApp.class, true, PROPERTIES);
    }

    @AfterAll
    static void stop() {
        if (servlet != null) {
            servlet.close();
        }
        if (reactive != null) {
            reactive.close();
        }
    }

    static Stream<Arguments> cases() {
        String basic = "Basic " + Base64.getEncoder().encodeToString("user:secret".getBytes(StandardCharsets.UTF_8));
        return Stream.of(
                request("allowed preflight: the starter's values, once each", "OPTIONS", "/api/hello")
                    .preflight(APP, "PUT")
                    .header("Access-Control-Request-Headers", "authorization,content-type")
                    .status(204)
                    .expect(ACCESS_CONTROL_ALLOW_ORIGIN, APP)
                    .expect(ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
                    .expect(ACCESS_CONTROL_ALLOW_METHODS, "PUT,DELETE")
                    .expect(ACCESS_CONTROL_ALLOW_HEADERS, "authorization,content-type")
                    .expect(ACCESS_CONTROL_MAX_AGE, "600")
                    .absent(ACCESS_CONTROL_EXPOSE_HEADERS)
                    .vary(PREFLIGHT_VARY),
                request("preflight for a method only Security's source allows: refused by the starter", "OPTIONS",
                        "/api/hello")
                    .preflight(APP, "PATCH")
                    .status(403)
                    .noCorsHeaders()
                    .vary(PREFLIGHT_VARY),
                request("preflight from an origin only Security's source allows: refused by the starter", "OPTIONS",
                        "/api/hello")
                    .preflight(OTHER, "PUT")
                    .status(403)
                    .noCorsHeaders()
                    .vary(PREFLIGHT_VARY),
                request("unauthenticated request from the allowed origin: 401 with one set", "GET", "/api/hello")
                    .origin(APP)
                    .status(401)
                    .expect(ACCESS_CONTROL_ALLOW_ORIGIN, APP)
                    .expect(ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
                    .expect(ACCESS_CONTROL_EXPOSE_HEADERS, "X-Total-Count")
                    .absent(ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_MAX_AGE)
                    .varyIncludes("Origin"),
                request("authenticated GET from the allowed origin: one set", "GET", "/api/hello").origin(APP)
                    .header("Authorization", basic)
                    .status(200)
                    .expect(ACCESS_CONTROL_ALLOW_ORIGIN, APP)
                    .expect(ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
                    .expect(ACCESS_CONTROL_EXPOSE_HEADERS, "X-Total-Count")
                    .absent(ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_MAX_AGE)
                    .varyIncludes("Origin"),
                request("authenticated PUT from the allowed origin: one set", "PUT", "/api/hello").origin(APP)
                    .header("Authorization", basic)
                    .header("Content-Type", "application/json")
                    .status(200)
                    .expect(ACCESS_CONTROL_ALLOW_ORIGIN, APP)
                    .expect(ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
                    .expect(ACCESS_CONTROL_EXPOSE_HEADERS, "X-Total-Count")
                    .varyIncludes("Origin"),
                // The policy refuses this origin: refused before Security, whose cors() would have allowed it.
                request("unauthenticated request from an origin only Security's source allows: refused", "GET",
                        "/api/hello")
                    .origin(OTHER)
                    .status(403)
                    .noCorsHeaders()
                    .varyIncludes("Origin"),
                request("authenticated GET from an origin only Security's source allows: refused", "GET", "/api/hello")
                    .origin(OTHER)
                    .header("Authorization", basic)
                    .status(403)
                    .noCorsHeaders()
                    .varyIncludes("Origin"),
                // Spring's processor refuses an actual request from an origin its source does not allow.
                request("origin neither allows: Security's cors() refuses it, no CORS headers", "GET", "/api/hello")
                    .origin(EVIL)
                    .status(403)
                    .noCorsHeaders()
                    .varyIncludes("Origin"))
            .flatMap((httpCase) -> Stream.of(Arguments.of("servlet", httpCase), Arguments.of("reactive", httpCase)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void neverWritesTwoSetsOfHeaders(String stack, HttpCase httpCase) throws Exception {
        HttpCases.run(TestApps.port(stack.equals("servlet") ? servlet : reactive), httpCase);
    }

    /** What a migrating application had configured for Spring's own CORS support. */
    static CorsConfiguration securityCorsConfiguration() {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(List.of(APP, OTHER));
        configuration.setAllowedMethods(List.of("GET", "POST", "PATCH"));
        configuration.setAllowedHeaders(List.of("Authorization", "X-Other"));
        configuration.setExposedHeaders(List.of("X-Other"));
        configuration.setAllowCredentials(true);
        configuration.setMaxAge(3600L);
        return configuration;
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(TestController.class)
    static class MvcSecuredApp {

        @Bean
        SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
            // An API client sends Basic credentials and no CSRF token, so the PUT below reaches the controller.
            http.cors(Customizer.withDefaults())
                .csrf((csrf) -> csrf.disable())
                .authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults());
            return http.build();
        }

        // The name Spring Security's cors() looks up on the servlet stack.
        @Bean
        org.springframework.web.cors.CorsConfigurationSource corsConfigurationSource() {
            CorsConfiguration configuration = securityCorsConfiguration();
            return (request) -> configuration;
        }

    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(TestController.class)
    static class FluxSecuredApp {

        @Bean
        SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
            http.cors(Customizer.withDefaults())
                .csrf((csrf) -> csrf.disable())
                .authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
                .httpBasic(Customizer.withDefaults());
            return http.build();
        }

        @Bean
        org.springframework.web.cors.reactive.CorsConfigurationSource corsConfigurationSource() {
            CorsConfiguration configuration = securityCorsConfiguration();
            return (exchange) -> configuration;
        }

    }

}
