package dev.fetchcors.autoconfigure.policy;

import dev.fetchcors.autoconfigure.http.RawHttp;
import dev.fetchcors.autoconfigure.http.TestApps;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.InvalidCorsConfigurationException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.servlet.config.annotation.PathMatchConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Policies select on the path the application's routers really route on, beyond the default {@code DispatcherServlet}
 * at {@code /}: error dispatches under {@code spring.mvc.servlet.path}, servlets other than the
 * {@code DispatcherServlet}, a case-insensitive router on either stack; an {@code AntPathMatcher} router, which they
 * cannot follow, stops the application. The actuator's check names the filter's policy in every case. The
 * {@code public} policy allows any origin on {@code /public/**}; the default one allows {@code APP} alone.
 */
@ExtendWith(OutputCaptureExtension.class)
class RoutersHttpTests {

    static final String APP = "https://app.example.com";

    static final String ANYONE = "https://anyone.example.net";

    static final String PARTNER = "https://partner.example.org";

    static final String[] POLICIES = { "app.cors.allowed-origins=" + APP, "app.cors.policies[0].name=public",
            "app.cors.policies[0].path-patterns=/public/**", "app.cors.policies[0].allowed-origins=*",
            "management.endpoints.web.exposure.include=cors" };

    @Test
    void underAServletPathAnErrorResponseCarriesThePolicyOfItsRequest() throws Exception {
        try (ConfigurableApplicationContext context = TestApps.servlet(App.class, false,
                with("spring.mvc.servlet.path=/api"))) {
            int port = TestApps.port(context);
            assertAllowOrigin(port, "/api/public/hello", ANYONE, 200, "*");
            // A 404 and a 500 are error dispatches, to /api/error: the policy stays the one of /api/public/**.
            assertAllowOrigin(port, "/api/public/missing", ANYONE, 404, "*");
            assertAllowOrigin(port, "/api/public/boom", ANYONE, 500, "*");
            // A refused origin never reaches the handler that throws: refused before it runs.
            assertAllowOrigin(port, "/api/private/boom", ANYONE, 403, null);
            assertAllowOrigin(port, "/api/private/boom", APP, 500, APP);
            assertThat(checkedPolicy(port, "/api/actuator/cors", "/api/public/missing")).isEqualTo("public");
            assertThat(checkedPolicy(port, "/api/actuator/cors", "/api/private/boom")).isEqualTo("default");
        }
    }

    @Test
    void aServletOtherThanTheDispatcherServletSelectsOnThePathWithinTheApplication() throws Exception {
        try (ConfigurableApplicationContext context = TestApps.servlet(WithConsole.class, false, POLICIES)) {
            int port = TestApps.port(context);
            // /console/* strips nothing: /console/public/x is not /public/x.
            assertAllowOrigin(port, "/console/public/x", ANYONE, 403, null);
            assertAllowOrigin(port, "/console/public/x", APP, 200, APP);
            assertAllowOrigin(port, "/public/hello", ANYONE, 200, "*");
            assertThat(checkedPolicy(port, "/actuator/cors", "/console/public/x")).isEqualTo("default");
            assertThat(checkedPolicy(port, "/actuator/cors", "/public/hello")).isEqualTo("public");
        }
        try (ConfigurableApplicationContext context = TestApps.servlet(WithConsole.class, false,
                with("spring.mvc.servlet.path=/api"))) {
            int port = TestApps.port(context);
            assertAllowOrigin(port, "/console/public/x", ANYONE, 403, null);
            assertAllowOrigin(port, "/api/public/hello", ANYONE, 200, "*");
            assertThat(checkedPolicy(port, "/api/actuator/cors", "/console/public/x")).isEqualTo("default");
            assertThat(checkedPolicy(port, "/api/actuator/cors", "/api/public/hello")).isEqualTo("public");
        }
    }

    /**
     * Review probe (security review, failing): the container maps {@code /public/..;/console/x} to the console servlet
     * (it drops the path parameter and resolves the dot segment: servlet path {@code /console}), which a browser sends
     * as it is ({@code ..;} is no dot segment to a URL parser). The policy must be the one of the path the console
     * serves, the default, not {@code public}: else a refused origin runs the console and reads it under {@code *}.
     */
    @Test
    void aServletOtherThanTheDispatcherServletIsNotReachedUnderAnotherPolicyThroughDotSegments() throws Exception {
        try (ConfigurableApplicationContext context = TestApps.servlet(WithConsole.class, false, POLICIES)) {
            int port = TestApps.port(context);
            RawHttp.Response console = RawHttp.send(port, "GET", "/public/..;/console/x", "Origin", APP);
            assertThat(console.body()).as("served by the console servlet").isEqualTo("console");
            assertAllowOrigin(port, "/public/..;/console/x", ANYONE, 403, null);
            assertAllowOrigin(port, "/public;a/..;b/console/x", ANYONE, 403, null);
            assertThat(checkedPolicy(port, "/actuator/cors", "/public/..;/console/x")).isEqualTo("default");
        }
    }

    @Test
    void aCaseInsensitiveSpringMvcRouterSelectsCaseInsensitively() throws Exception {
        try (ConfigurableApplicationContext context = TestApps.servlet(CaseInsensitiveMvc.class, false, POLICIES)) {
            int port = TestApps.port(context);
            RawHttp.Response response = RawHttp.send(port, "GET", "/PUBLIC/Hello", "Origin", ANYONE);
            assertThat(response.body()).isEqualTo("public hello");
            assertThat(response.first("Access-Control-Allow-Origin")).as(response.toString()).isEqualTo("*");
            assertThat(checkedPolicy(port, "/actuator/cors", "/PUBLIC/Hello")).isEqualTo("public");
        }
    }

    @Test
    void aCaseInsensitiveSpringWebFluxRouterSelectsCaseInsensitively() throws Exception {
        try (ConfigurableApplicationContext context = TestApps.reactive(CaseInsensitiveWebFlux.class, false,
                POLICIES)) {
            int port = TestApps.port(context);
            RawHttp.Response response = RawHttp.send(port, "GET", "/PUBLIC/Hello", "Origin", ANYONE);
            assertThat(response.body()).isEqualTo("public hello");
            assertThat(response.first("Access-Control-Allow-Origin")).as(response.toString()).isEqualTo("*");
            assertThat(checkedPolicy(port, "/actuator/cors", "/PUBLIC/Hello")).isEqualTo("public");
        }
    }

    @Test
    void anAntPathMatcherRouterWithPerPathPoliciesStopsTheApplicationNamingTheFix() {
        assertThatException()
            .isThrownBy(() -> TestApps.servlet(App.class, false,
                    with("spring.mvc.pathmatch.matching-strategy=ant-path-matcher")).close())
            .satisfies((failure) -> {
                Throwable cause = failure;
                while (!(cause instanceof InvalidCorsConfigurationException) && cause.getCause() != null) {
                    cause = cause.getCause();
                }
                assertThat(cause).isInstanceOf(InvalidCorsConfigurationException.class);
                assertThat(((InvalidCorsConfigurationException) cause).problems()).singleElement()
                    .satisfies((problem) -> {
                        assertThat(problem.property()).isEqualTo("spring.mvc.pathmatch.matching-strategy");
                        assertThat(problem.value()).isEqualTo("ant-path-matcher");
                        assertThat(problem.fix()).contains("path-pattern-parser");
                    });
            });
        // Without per-path policies there is nothing to select, and it starts.
        try (ConfigurableApplicationContext context = TestApps.servlet(App.class, false,
                "app.cors.allowed-origins=" + APP, "spring.mvc.pathmatch.matching-strategy=ant-path-matcher")) {
            assertThat(context.isRunning()).isTrue();
        }
    }

    /**
     * What startup refuses, a refresh refuses too: an application that routes with {@code AntPathMatcher} and
     * started without per-path policies refuses a refresh that adds one, saying why, and the policies in force stay.
     * Accepted, it would let {@code //account}, which the router serves as {@code /account} and the policy of
     * {@code /account/**} does not select, be answered by the new default policy, with the partner's credentials.
     */
    @Test
    void anAntPathMatcherRouterRefusesARefreshThatAddsPerPathPolicies(@TempDir Path directory, CapturedOutput output)
            throws Exception {
        Path file = directory.resolve("cors.properties");
        Files.writeString(file, "app.cors.allowed-origins=" + APP + "\napp.cors.allow-credentials=true\n");
        try (ConfigurableApplicationContext context = TestApps.servlet(App.class, false,
                "spring.config.import=file:" + file.toAbsolutePath(),
                "spring.mvc.pathmatch.matching-strategy=ant-path-matcher")) {
            int port = TestApps.port(context);
            assertAllowOrigin(port, "//account", PARTNER, 403, null);
            Files.writeString(file, """
                    app.cors.allowed-origins=%s,%s
                    app.cors.allow-credentials=true
                    app.cors.policies[0].name=account
                    app.cors.policies[0].path-patterns=/account/**
                    app.cors.policies[0].allowed-origins=%s
                    """.formatted(APP, PARTNER, APP));
            context.getBean(ContextRefresher.class).refresh();
            assertAllowOrigin(port, "//account", PARTNER, 403, null);
            assertAllowOrigin(port, "/account", PARTNER, 403, null);
            assertThat(output).contains("CORS refresh refused, the previous policies stay in force (1 problem)")
                .contains("Property: spring.mvc.pathmatch.matching-strategy")
                .contains("Spring MVC chooses handlers with AntPathMatcher");
            assertThat(context.getBean(CorsPolicyResolver.class).policies().pathPolicies()).isEmpty();
            RawHttp.Response account = RawHttp.send(port, "GET", "//account", "Origin", APP);
            assertThat(account.body()).as("served by the /account handler").isEqualTo("account");
            assertThat(account.first("Access-Control-Allow-Credentials")).isEqualTo("true");
        }
    }

    /**
     * A router's own parser is followed by per-path policies that a refresh adds too, not only by those configured at
     * startup: a case-insensitive router on either stack that started without per-path policies.
     */
    @Test
    void perPathPoliciesAddedByARefreshSelectAsACaseInsensitiveRouterRoutes(@TempDir Path directory)
            throws Exception {
        for (boolean reactive : new boolean[] { false, true }) {
            Path file = directory.resolve("cors-" + reactive + ".properties");
            Files.writeString(file, "app.cors.allowed-origins=" + APP + "\n");
            String[] properties = { "spring.config.import=file:" + file.toAbsolutePath() };
            try (ConfigurableApplicationContext context = reactive
                    ? TestApps.reactive(CaseInsensitiveWebFlux.class, false, properties)
                    : TestApps.servlet(CaseInsensitiveMvc.class, false, properties)) {
                int port = TestApps.port(context);
                assertThat(RawHttp.send(port, "GET", "/PUBLIC/Hello", "Origin", ANYONE).first(
                        "Access-Control-Allow-Origin")).isNull();
                Files.writeString(file, String.join("\n", POLICIES) + "\n");
                context.getBean(ContextRefresher.class).refresh();
                RawHttp.Response response = RawHttp.send(port, "GET", "/PUBLIC/Hello", "Origin", ANYONE);
                assertThat(response.body()).isEqualTo("public hello");
                assertThat(response.first("Access-Control-Allow-Origin")).as("reactive: %s, %s", reactive, response)
                    .isEqualTo("*");
            }
        }
    }

    private static String[] with(String... more) {
        String[] all = new String[POLICIES.length + more.length];
        System.arraycopy(POLICIES, 0, all, 0, POLICIES.length);
        System.arraycopy(more, 0, all, POLICIES.length, more.length);
        return all;
    }

    private static void assertAllowOrigin(int port, String path, String origin, int status, String allowOrigin)
            throws IOException {
        RawHttp.Response response = RawHttp.send(port, "GET", path, "Origin", origin);
        assertThat(response.status()).as("%s: %s", path, response).isEqualTo(status);
        assertThat(response.first("Access-Control-Allow-Origin")).as("%s from %s: %s", path, origin, response)
            .isEqualTo(allowOrigin);
        assertThat(response.all("Access-Control-Allow-Origin")).hasSizeLessThanOrEqualTo(1);
    }

    /** The policy the actuator's check names for a request path as sent. */
    private static String checkedPolicy(int port, String endpoint, String path) throws IOException {
        RawHttp.Response response = RawHttp.send(port, "GET", endpoint + "?path="
                + URLEncoder.encode(path, StandardCharsets.UTF_8) + "&origin=" + ANYONE);
        assertThat(response.status()).as("%s: %s", path, response).isEqualTo(200);
        return (String) JsonParserFactory.getJsonParser().parseMap(response.body()).get("policy");
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(Handlers.class)
    static class App {

    }

    /** A servlet of the application's own beside the DispatcherServlet, such as a database console. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(Handlers.class)
    static class WithConsole {

        @Bean
        ServletRegistrationBean<HttpServlet> console() {
            return new ServletRegistrationBean<>(new HttpServlet() {

                @Override
                protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                    response.getWriter().write("console");
                }

            }, "/console/*");
        }

    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(Handlers.class)
    static class CaseInsensitiveMvc implements WebMvcConfigurer {

        @Override
        public void configurePathMatch(PathMatchConfigurer configurer) {
            PathPatternParser parser = new PathPatternParser();
            parser.setCaseSensitive(false);
            configurer.setPatternParser(parser);
        }

    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(Handlers.class)
    static class CaseInsensitiveWebFlux implements WebFluxConfigurer {

        @Override
        public void configurePathMatching(
                org.springframework.web.reactive.config.PathMatchConfigurer configurer) {
            configurer.setUseCaseSensitiveMatch(false);
        }

    }

    @RestController
    static class Handlers {

        @GetMapping("/public/hello")
        String publicHello() {
            return "public hello";
        }

        @GetMapping("/account")
        String account() {
            return "account";
        }

        @GetMapping({ "/public/boom", "/private/boom" })
        String boom() {
            throw new IllegalStateException("boom");
        }

    }

}
