package dev.fetchcors.test.docs;

import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static dev.fetchcors.test.docs.DocsHttp.allowOrigin;
import static dev.fetchcors.test.docs.DocsHttp.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each configuration the documents show as YAML (a test resource the document quotes, {@code <!-- snippet: -->}),
 * started in the documents' application on a real port, does what the document says.
 */
class DocumentedConfigurationTests {

    @Test
    void theReadmesFirstPolicy() throws Exception {
        try (ConfigurableApplicationContext context = start("intro")) {
            assertThat(allowOrigin(preflight(context, "/api/orders/1", "https://shop.example.org", "DELETE")))
                .isEqualTo("https://shop.example.org");
            assertThat(preflight(context, "/api/orders/1", "https://evil.example", "DELETE").statusCode())
                .isEqualTo(403);
        }
    }

    @Test
    void theQuickStartsThreeLines() throws Exception {
        try (ConfigurableApplicationContext context = start("quick-start")) {
            HttpResponse<String> allowed = preflight(context, "/api/orders/1", "https://app.example.com", "POST");
            assertThat(allowOrigin(allowed)).isEqualTo("https://app.example.com");
            assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET,POST,PUT,DELETE");
        }
    }

    /** A sign-in callback's provider posts back and runs it; it reads nothing, and other sites run nothing. */
    @Test
    void aSendOnlyOriginOnTheCallbackAlone() throws Exception {
        try (ConfigurableApplicationContext context = start("send-only")) {
            AtomicInteger runs = context.getBean(Endpoints.class).callbacks;
            HttpResponse<String> posted = send(context, "POST", "/login/oauth2/code/apple",
                    "https://appleid.apple.com");
            assertThat(posted.statusCode()).isEqualTo(200);
            assertThat(allowOrigin(posted)).isEmpty();
            assertThat(runs).hasValue(1);
            assertThat(send(context, "POST", "/login/oauth2/code/apple", "https://evil.example").statusCode())
                .isEqualTo(403);
            // Elsewhere the provider is a refused origin like any other.
            assertThat(send(context, "POST", "/api/orders/1", "https://appleid.apple.com").statusCode())
                .isEqualTo(403);
            assertThat(runs).hasValue(1);
        }
    }

    @Test
    void perPathPolicies() throws Exception {
        try (ConfigurableApplicationContext context = start("per-path")) {
            HttpResponse<String> publicFile = send(context, "GET", "/public/logo.svg", "https://anyone.example");
            assertThat(allowOrigin(publicFile)).isEqualTo("*");
            assertThat(publicFile.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
            assertThat(allowOrigin(preflight(context, "/admin/users", "https://admin.example.com", "DELETE")))
                .isEqualTo("https://admin.example.com");
            assertThat(preflight(context, "/admin/users", "https://app.example.com", "DELETE").statusCode())
                .isEqualTo(403);
            assertThat(send(context, "GET", "/admin/users", "https://admin.example.com").headers()
                .firstValue("Access-Control-Expose-Headers")).as("an empty list inherits nothing").isEmpty();
            assertThat(send(context, "GET", "/api/orders/1", "https://app.example.com").headers()
                .firstValue("Access-Control-Expose-Headers")).hasValue("X-Total-Count");
            HttpResponse<String> api = preflight(context, "/api/orders/1", "https://app.example.com", "PUT");
            assertThat(allowOrigin(api)).isEqualTo("https://app.example.com");
            assertThat(api.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
            assertThat(api.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
        }
    }

    /** What the configurations above are tried on, beside the documents' application. */
    @RestController
    static class Endpoints {

        final AtomicInteger callbacks = new AtomicInteger();

        @PostMapping("/login/oauth2/code/apple")
        String callback() {
            this.callbacks.incrementAndGet();
            return "signed in";
        }

        @GetMapping("/public/logo.svg")
        String logo() {
            return "<svg/>";
        }

        @GetMapping("/admin/users")
        String users() {
            return "users";
        }

    }

    private static ConfigurableApplicationContext start(String configuration) {
        return new SpringApplicationBuilder(DocsApplication.class, Endpoints.class).web(WebApplicationType.SERVLET)
            .properties("server.port=0", "spring.main.banner-mode=off",
                    "spring.config.location=classpath:/" + configuration + "/")
            .run();
    }

    private static HttpResponse<String> preflight(ConfigurableApplicationContext context, String path, String origin,
            String method) throws Exception {
        return send(context, "OPTIONS", path, origin, "Access-Control-Request-Method", method);
    }

}
