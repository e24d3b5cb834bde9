package dev.fetchcors.autoconfigure;

import dev.fetchcors.autoconfigure.http.HttpCases;
import dev.fetchcors.autoconfigure.http.TestApps;

import dev.fetchcors.autoconfigure.http.HttpCase;
import dev.fetchcors.autoconfigure.http.TestController;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_METHODS;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_ORIGIN;
import static dev.fetchcors.autoconfigure.http.HttpCase.request;
import static dev.fetchcors.autoconfigure.http.HttpCases.APP;
import static dev.fetchcors.autoconfigure.http.HttpCases.EVIL;
import static dev.fetchcors.autoconfigure.http.HttpCases.PREFLIGHT_VARY;

/**
 * Spring Security in its default setup (every request authenticated), on both stacks: preflights never meet
 * authentication, and the 401 of an unauthenticated request still carries the CORS headers.
 */
class SecurityHttpTests {

    private static final String[] PROPERTIES = { "app.cors.allowed-origins=https://app.example.com",
            "app.cors.allowed-methods=PUT", "app.cors.allowed-headers=Authorization,Content-Type",
            "app.cors.allow-credentials=true", "spring.security.user.name=user",
            "spring.security.user.password=secret" };

    private static ConfigurableApplicationContext servlet;

    private static ConfigurableApplicationContext reactive;

    @BeforeAll
    static void start() {
        servlet = TestApps.servlet(SecuredApp.class, true, PROPERTIES);
        reactive = TestApps.reactive(SecuredApp.class, true, PROPERTIES);
    }

    @AfterAll
    static void stop() {
        servlet.close();
        reactive.close();
    }

    static Stream<Arguments> cases() {
        String basic = "Basic " + Base64.getEncoder().encodeToString("user:secret".getBytes(StandardCharsets.UTF_8));
        return Stream.of(
                request("preflight from an allowed origin, without credentials", "OPTIONS", "/api/hello")
                    .preflight(APP, "PUT")
                    .header("Access-Control-Request-Headers", "authorization")
                    .status(204)
                    .expect(ACCESS_CONTROL_ALLOW_ORIGIN, APP)
                    .expect(ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
                    .expect(ACCESS_CONTROL_ALLOW_METHODS, "PUT")
                    .vary(PREFLIGHT_VARY),
                request("refused preflight is refused by CORS, not by security", "OPTIONS", "/api/hello")
                    .preflight(EVIL, "PUT")
                    .status(403)
                    .noCorsHeaders()
                    .vary(PREFLIGHT_VARY),
                request("401 for an allowed origin carries the CORS headers", "GET", "/api/hello").origin(APP)
                    .header("Accept", "application/json")
                    .header("X-Requested-With", "XMLHttpRequest")
                    .status(401)
                    .expect(ACCESS_CONTROL_ALLOW_ORIGIN, APP)
                    .expect(ACCESS_CONTROL_ALLOW_CREDENTIALS, "true"),
                request("a refused origin is refused before authentication: 403, no CORS headers", "GET",
                        "/api/hello").origin(EVIL)
                    .header("Accept", "application/json")
                    .header("X-Requested-With", "XMLHttpRequest")
                    .status(403)
                    .noCorsHeaders(),
                // With Spring Security, Spring Framework 6.2 adds Vary tokens of its own here.
                request("authenticated request from an allowed origin", "GET", "/api/hello").origin(APP)
                    .header("Authorization", basic)
                    .status(200)
                    .expect(ACCESS_CONTROL_ALLOW_ORIGIN, APP)
                    .expect(ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
                    .varyIncludes("Origin"))
            .flatMap((httpCase) -> Stream.of(Arguments.of("servlet", httpCase), Arguments.of("reactive", httpCase)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void corsComesBeforeSecurity(String stack, HttpCase httpCase) throws Exception {
        HttpCases.run(TestApps.port(stack.equals("servlet") ? servlet : reactive), httpCase);
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(TestController.class)
    static class SecuredApp {

    }

}
