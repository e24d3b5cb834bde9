package dev.fetchcors.test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.fetchcors.autoconfigure.surface.CorsSurface;

import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.ExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Entry points for {@link CorsResponseAssert}: assertions that judge a response the way a browser's CORS checks
 * do, on the result types of MockMvc, {@code MockMvcTester}, {@code WebTestClient} and the JDK's HTTP client.
 *
 * <pre>{@code
 * BrowserRequest put = BrowserRequest.from("https://app.example.com").to("PUT", "/api/orders/1")
 *         .header("Content-Type", "application/json");
 * assertThatCors(mvc.perform(MockMvcCors.preflight(put))).allowsPreflightOf(put).isWellFormed();
 *
 * assertThatCorsSurface(context).matchesFile("src/test/resources/cors-surface.md");
 * }</pre>
 */
public final class CorsAssertions {

    private CorsAssertions() {
    }

    /** For a MockMvc result, as {@code mockMvc.perform(...)} returns it. */
    public static CorsResponseAssert assertThatCors(ResultActions result) {
        return assertThatCors(result.andReturn());
    }

    /** For a MockMvc result. */
    public static CorsResponseAssert assertThatCors(MvcResult result) {
        return new CorsResponseAssert(ServletResponses.of(result));
    }

    /** For a {@code MockMvcTester} result. */
    public static CorsResponseAssert assertThatCors(MvcTestResult result) {
        return assertThatCors(result.getMvcResult());
    }

    /** For a {@code WebTestClient} exchange, as {@code exchange()} returns it. */
    public static CorsResponseAssert assertThatCors(WebTestClient.ResponseSpec response) {
        return assertThatCors(response.expectBody().returnResult());
    }

    /** For a {@code WebTestClient} result. */
    public static CorsResponseAssert assertThatCors(ExchangeResult result) {
        return new CorsResponseAssert(ReactiveResponses.of(result));
    }

    /** For a response of the JDK's HTTP client, from a test against a running server. */
    public static CorsResponseAssert assertThatCors(HttpResponse<?> response) {
        return new CorsResponseAssert(JdkResponses.of(response));
    }

    /**
     * For the CORS surface of a running application (every route, its policy, and what each origin may do there),
     * to compare with a file kept in the repository ({@link CorsSurfaceAssert#matchesFile(String)}).
     *
     * @param context the application, as {@code @SpringBootTest} provides it
     * @return the assertion
     */
    public static CorsSurfaceAssert assertThatCorsSurface(ApplicationContext context) {
        return CorsSurfaceAssert.of(context);
    }

    /** For a CORS surface already computed. */
    public static CorsSurfaceAssert assertThatCorsSurface(CorsSurface surface) {
        return new CorsSurfaceAssert(surface);
    }

    /**
     * For a response from any other client: its status and header lines.
     *
     * @param status the status code
     * @param namesAndValues each header line's name then value
     */
    public static CorsResponseAssert assertThatCors(int status, String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Header names and values come in pairs");
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(Map.entry(namesAndValues[i], namesAndValues[i + 1]));
        }
        return new CorsResponseAssert(new CorsResponse(null, status, headers));
    }

}
