package dev.fetchcors.autoconfigure.policy;

import dev.fetchcors.autoconfigure.http.RawHttp;
import dev.fetchcors.autoconfigure.http.TestApps;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paths that a second normalisation of the URI would read differently from the router ({@code ..;},
 * {@code %2e%2e}, {@code %2f}, {@code //}, matrix parameters, a trailing slash) never earn another path's policy:
 * the policy is always the one whose pattern the handler that serves the request matches, and the actuator check
 * names that same policy. Each response's body says which handler served it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PathSelectionHttpTests {

    static final String APP = "https://app.example.com";

    static final String PARTNER = "https://partner.example";

    static final String ANYONE = "https://anyone.example.net";

    static final String[] PROPERTIES = { "app.cors.allowed-origins=" + APP, "app.cors.allow-credentials=true",
            "app.cors.policies[0].name=partner", "app.cors.policies[0].path-patterns=/partner/**",
            "app.cors.policies[0].allowed-origins=" + PARTNER, "app.cors.policies[1].name=public",
            "app.cors.policies[1].path-patterns=/api/public/**", "app.cors.policies[1].allowed-origins=*",
            "app.cors.policies[1].allow-credentials=false", "management.endpoints.web.exposure.include=cors" };

    /** The policy that goes with each handler: the one whose pattern the handler's mapping has. */
    private static final Map<String, String> POLICY_OF_HANDLER = Map.of("catch-all", "default", "partner",
            "partner", "public", "public");

    private ConfigurableApplicationContext context;

    abstract ConfigurableApplicationContext start(String... properties);

    @BeforeAll
    void start() {
        this.context = start(PROPERTIES);
    }

    @AfterAll
    void stop() {
        if (this.context != null) {
            this.context.close();
        }
    }

    static List<String> paths() {
        return List.of("/partner/y", "/api/public/x", "/api/other", "/api/x/..;/..;/partner/y",
                "/api/private/..;/public/x", "/api/private/%2e%2e/public/x", "/api/private/%2E%2E/public/x",
                "/api/public/x/..;/..;/private", "/api/public/%2e%2e/private", "/api/private/%2fpublic/x",
                "/api%2fpublic/x", "//partner/y", "/api//public/x", "/partner;jsessionid=1/y", "/partner/y;a=b",
                "/api;x=1/public;y=2/x", "/partner/", "/partner", "/api/public/", "/PARTNER/y", "/api/%70ublic/x",
                "/./partner/y", "/api/./public/x");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void theHandlerThatServesAPathDecidesItsPolicy(String path) throws Exception {
        int port = TestApps.port(this.context);
        // Which handler serves the path, asked without Origin, which nothing refuses.
        RawHttp.Response served = RawHttp.send(port, "GET", path);
        for (String origin : List.of(APP, PARTNER, ANYONE)) {
            RawHttp.Response response = RawHttp.send(port, "GET", path, "Origin", origin);
            if (served.status() == 400 || served.status() == 404) {
                // Refused before routing (an encoded slash, say): no handler, and no policy was borrowed.
                assertThat(response.first("Access-Control-Allow-Origin")).as("%s from %s: %s", path, origin,
                        response).isNotIn(PARTNER, "*");
                continue;
            }
            assertThat(served.status()).as("%s: %s", path, served).isEqualTo(200);
            String policy = POLICY_OF_HANDLER.get(served.body());
            assertThat(policy).as("%s served by '%s'", path, served.body()).isNotNull();
            String allowOrigin = expectedAllowOrigin(policy, origin);
            // An origin the handler's policy refuses is refused before the handler runs; the others reach it.
            assertThat(response.status()).as("%s (%s) from %s: %s", path, policy, origin, response)
                .isEqualTo((allowOrigin != null) ? 200 : 403);
            assertThat(response.first("Access-Control-Allow-Origin")).as("%s (%s) from %s: %s", path, policy, origin,
                    response).isEqualTo(allowOrigin);
            assertThat(response.all("Access-Control-Allow-Origin")).hasSizeLessThanOrEqualTo(1);

            // The check, given the path exactly as sent, names the filter's policy.
            assertThat(checkedPolicy(port, "/actuator/cors?path=" + encode(path) + "&origin=" + encode(origin)))
                .as("actuator check of %s", path).isEqualTo(policy);
            // After /actuator/cors/, a path that keeps its segments names it too.
            if (!path.contains("//")) {
                String check = checkedPolicy(port, "/actuator/cors" + path + "?origin=" + encode(origin));
                if (check != null) {
                    assertThat(check).as("actuator check of /actuator/cors%s", path).isEqualTo(policy);
                }
            }
        }
    }

    private static String expectedAllowOrigin(String policy, String origin) {
        return switch (policy) {
            case "public" -> "*";
            case "partner" -> origin.equals(PARTNER) ? PARTNER : null;
            default -> origin.equals(APP) ? APP : null;
        };
    }

    /** The policy the actuator's check names, or {@code null} when the server refuses the check's own URI. */
    private static String checkedPolicy(int port, String target) throws Exception {
        RawHttp.Response response = RawHttp.send(port, "GET", target);
        if (response.status() == 400) {
            return null;
        }
        assertThat(response.status()).as("%s: %s", target, response).isEqualTo(200);
        return (String) JsonParserFactory.getJsonParser().parseMap(response.body()).get("policy");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(RoutingController.class)
    static class App {

    }

    /** A catch-all handler beside two more specific ones; the body names the handler that served. */
    @RestController
    static class RoutingController {

        @RequestMapping("/**")
        String catchAll() {
            return "catch-all";
        }

        @RequestMapping("/partner/**")
        String partner() {
            return "partner";
        }

        @RequestMapping("/api/public/**")
        String publicApi() {
            return "public";
        }

    }

}
