package dev.fetchcors.test;

import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The requests a browser sends, through a {@code WebTestClient}.
 *
 * <pre>{@code
 * BrowserRequest put = BrowserRequest.from("https://app.example.com").to("PUT", "/api/orders/1")
 *         .header("Content-Type", "application/json");
 * assertThatCors(WebTestClientCors.preflight(client, put)).allowsPreflightOf(put);
 * }</pre>
 */
public final class WebTestClientCors {

    private WebTestClientCors() {
    }

    /** Sends the preflight a browser sends before the request. */
    public static WebTestClient.ResponseSpec preflight(WebTestClient client, BrowserRequest request) {
        return client.options()
            .uri(request.path())
            .headers((headers) -> request.preflightHeaders().forEach(headers::set))
            .exchange();
    }

    /** Sends the request itself, with {@code Origin} and the script's headers. */
    public static WebTestClient.ResponseSpec request(WebTestClient client, BrowserRequest request) {
        WebTestClient.RequestBodySpec spec = client.method(HttpMethod.valueOf(request.method()))
            .uri(request.path())
            .headers((headers) -> request.requestHeaders().forEach(headers::set));
        String body = request.body();
        return (body != null) ? spec.bodyValue(body).exchange() : spec.exchange();
    }

}
