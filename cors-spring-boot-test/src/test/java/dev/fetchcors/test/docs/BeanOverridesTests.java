package dev.fetchcors.test.docs;

import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.fetchcors.autoconfigure.InvalidCorsConfigurationException;
import dev.fetchcors.core.CorsConfig;
import dev.fetchcors.core.CorsDecision;
import dev.fetchcors.core.CorsPolicy;
import dev.fetchcors.core.CorsRequest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.fetchcors.test.docs.DocsHttp.allowOrigin;
import static dev.fetchcors.test.docs.DocsHttp.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Each bean docs/overriding-with-beans.md shows ({@link BeanOverrides}), in the documents' application on a real
 * port, does what the document says it does; and the engine runs without Spring as it shows.
 */
class BeanOverridesTests {

    /** No application.yml: the top-level properties a {@code CorsPolicy} bean stands in for. */
    private static final String NO_PROPERTIES = "spring.config.location=optional:classpath:/none/";

    @Test
    void anOriginCheckIsConsultedForOriginsThePropertiesDoNotList() throws Exception {
        try (ConfigurableApplicationContext context = start(BeanOverrides.OriginCheckBean.class)) {
            assertThat(allowOrigin(send(context, "GET", "/api/orders/1", "https://tenant.example")))
                .isEqualTo("https://tenant.example");
            assertThat(allowOrigin(send(context, "GET", "/api/orders/1", "https://app.example.com")))
                .isEqualTo("https://app.example.com");
            assertThat(send(context, "GET", "/api/orders/1", "https://evil.example").statusCode()).isEqualTo(403);
        }
    }

    @Test
    void aCustomizerAddsOriginsToOnePolicyByName() throws Exception {
        try (ConfigurableApplicationContext context = start(BeanOverrides.CustomizerBean.class,
                "app.cors.policies[0].name=partner-api", "app.cors.policies[0].path-patterns=/api/partner/**")) {
            assertThat(allowOrigin(send(context, "OPTIONS", "/api/partner/orders", "https://partner.example",
                    "Access-Control-Request-Method", "PUT")))
                .isEqualTo("https://partner.example");
            // The default policy is left as the properties say.
            assertThat(send(context, "GET", "/api/orders/1", "https://partner.example").statusCode()).isEqualTo(403);
        }
    }

    @Test
    void aValidatorOfYourOwnStopsTheStartupWithItsProblem() {
        // The documents' application.yml allows credentials.
        assertThatExceptionOfType(Exception.class).isThrownBy(() -> start(BeanOverrides.ValidatorBean.class))
            .havingRootCause()
            .isInstanceOf(InvalidCorsConfigurationException.class)
            .satisfies((failure) -> assertThat(((InvalidCorsConfigurationException) failure).problems())
                .anySatisfy((problem) -> assertThat(problem.toString()).contains("app.cors.allow-credentials",
                        "not in this company.", "set it to false.")));
    }

    @Test
    void aPolicyBeanBesideTopLevelPropertiesStopsTheStartup() {
        assertThatExceptionOfType(Exception.class).isThrownBy(() -> start(BeanOverrides.PolicyBean.class))
            .havingRootCause()
            .isInstanceOf(InvalidCorsConfigurationException.class)
            .satisfies((failure) -> assertThat(((InvalidCorsConfigurationException) failure).problems())
                .anySatisfy((problem) -> assertThat(problem.property()).isEqualTo("app.cors.allowed-origins")));
    }

    @Test
    void aPolicyBeanIsTheDefaultPolicy() throws Exception {
        // The bean is the default policy: without the documents' top-level properties, which would be ignored.
        try (ConfigurableApplicationContext context = start(BeanOverrides.PolicyBean.class, NO_PROPERTIES)) {
            HttpResponse<String> allowed = send(context, "GET", "/api/orders/1", "https://app.example.com");
            assertThat(allowOrigin(allowed)).isEqualTo("https://app.example.com");
            assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
            // The bean allows GET, HEAD and POST only, where the properties allowed PUT too.
            assertThat(send(context, "OPTIONS", "/api/orders/1", "https://app.example.com",
                    "Access-Control-Request-Method", "PUT").statusCode()).isEqualTo(403);
        }
    }

    @Test
    void aResolverPicksThePolicyOfEachRequest() throws Exception {
        try (ConfigurableApplicationContext context = start(BeanOverrides.ResolverBean.class)) {
            String port = context.getEnvironment().getRequiredProperty("local.server.port");
            assertThat(rawGet(port, "acme.localhost", "https://acme.example"))
                .contains("\r\nAccess-Control-Allow-Origin: https://acme.example\r\n");
            // Another host gets no policy: the request is left alone, as without the starter.
            String alone = rawGet(port, "localhost", "https://acme.example");
            assertThat(alone).startsWith("HTTP/1.1 200").doesNotContain("Access-Control-Allow-Origin");
        }
    }

    /** A GET with a Host of the test's choosing, which the JDK's clients do not send: the response's head. */
    private static String rawGet(String port, String host, String origin) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(port))) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                .write(("GET /api/orders/1 HTTP/1.1\r\nHost: " + host + "\r\nOrigin: " + origin
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            return response.substring(0, response.indexOf("\r\n\r\n") + 2);
        }
    }

    @Test
    void anObserverIsToldOfEveryDecision() throws Exception {
        try (ConfigurableApplicationContext context = start(BeanOverrides.ObserverBean.class)) {
            send(context, "OPTIONS", "/api/orders/1", "https://evil.example", "Access-Control-Request-Method", "PUT");
            send(context, "OPTIONS", "/api/orders/1", "https://app.example.com", "Access-Control-Request-Method",
                    "PUT");
            Map<String, ?> notes = context.getBean(BeanOverrides.AuditLog.class).notes;
            assertThat(notes).containsOnlyKeys("default /api/orders/1: Origin 'https://evil.example' is not allowed: no"
                    + " entry of allowed-origins matches it (patterns match subdomains, never the apex domain, and"
                    + " never another scheme or port). Add it to allowed-origins if that site should read responses.");
        }
    }

    @Test
    void aFilterRegisteredByTheApplicationReplacesTheStarters() throws Exception {
        try (ConfigurableApplicationContext context = start(BeanOverrides.OwnFilter.class, NO_PROPERTIES)) {
            assertThat(context.getBeanNamesForType(org.springframework.boot.web.servlet.FilterRegistrationBean.class))
                .contains("myCorsFilter")
                .doesNotContain("fetchCorsFilterRegistration");
            assertThat(allowOrigin(send(context, "GET", "/api/orders/1", "https://own.example")))
                .isEqualTo("https://own.example");
        }
    }

    @Test
    void theEngineWithoutSpring() {
        CorsRequest requestView = new CorsRequest() {

            private final Map<String, String> headers = Map.of("origin", "https://shop.example.org",
                    "access-control-request-method", "DELETE", "access-control-request-headers", "content-type");

            @Override
            public String method() {
                return "OPTIONS";
            }

            @Override
            public String header(String name) {
                return this.headers.get(name.toLowerCase(java.util.Locale.ROOT));
            }

        };
        CorsPolicy policy = CorsPolicy.compile(CorsConfig.builder()
                .allowedOrigins("https://app.example.com", "https://*.example.org")
                .allowedMethods("PUT", "DELETE")
                .allowedHeaders("Content-Type")
                .build());                       // throws CorsConfigException listing every problem
        CorsDecision decision = policy.evaluate(requestView);   // your CorsRequest over the native request
        assertThat(decision.kind()).isEqualTo(CorsDecision.Kind.PREFLIGHT);
        assertThat(decision.isAllowed()).isTrue();
    }

    private static ConfigurableApplicationContext start(Class<?> beans, String... properties) {
        return new SpringApplicationBuilder(DocsApplication.class, beans).web(WebApplicationType.SERVLET)
            .properties("server.port=0", "spring.main.banner-mode=off")
            .properties(properties)
            .run();
    }

}
