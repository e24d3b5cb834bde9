package dev.fetchcors.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.fetchcors.autoconfigure.CorsProperties;
import dev.fetchcors.test.slice.SliceTestApplication;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kit on an application's class path, as in a jar that packages it by mistake: started as {@code main} starts
 * it, outside Spring's test framework, the application tells a refused client nothing of its policy. Only a test
 * turns the reason header on, or the property itself.
 */
class ReasonHeaderOutsideTestsTests {

    @ParameterizedTest
    @EnumSource(value = WebApplicationType.class, names = { "SERVLET", "REACTIVE" })
    void aRunningApplicationSendsNoReasonWithTheKitOnItsClassPath(WebApplicationType type) throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SliceTestApplication.class)
            .web(type)
            .properties("server.port=0")
            .run()) {
            HttpResponse<String> refused = send(context, "https://evil.example");
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.headers().firstValue(CorsProperties.REASON_HEADER)).isEmpty();
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SliceTestApplication.class)
            .web(type)
            .properties("server.port=0", "app.cors.reason-header=true")
            .run()) {
            assertThat(send(context, "https://evil.example").headers().firstValue(CorsProperties.REASON_HEADER))
                .hasValueSatisfying((reason) -> assertThat(reason).contains("https://evil.example"));
        }
    }

    private static HttpResponse<String> send(ConfigurableApplicationContext context, String origin)
            throws Exception {
        String port = context.getEnvironment().getProperty("local.server.port");
        return HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/orders"))
                .header("Origin", origin)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

}
