package dev.fetchcors.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.assertj.core.api.Assertions;
import org.jspecify.annotations.Nullable;

import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * A whole CORS policy checked in one call: each row is a request a page's script makes, expected allowed or
 * refused; the table sends what a browser sends (a preflight first, when the Fetch standard says so, then the
 * request itself), judges each answer as the browser does, and reports every row that comes out otherwise, with
 * why, at once. Every response must also be well-formed (no CORS header twice, no {@code *} with credentials, no
 * echoed origin without {@code Vary: Origin}).
 *
 * <pre>{@code
 * CorsPolicyTable.of(mockMvc)
 *     .allows("/api/orders/1", List.of("https://app.example.com"), List.of("GET", "PUT"), "Content-Type: application/json")
 *     .refuses("/api/orders/1", List.of("https://evil.example", "null"), List.of("GET", "PUT"))
 *     .refuses("/api/orders/1", List.of("https://app.example.com"), List.of("DELETE"))
 *     .verify();
 * }</pre>
 */
public final class CorsPolicyTable {

    private final Function<BrowserRequest, CorsResponse> preflight;

    private final Function<BrowserRequest, CorsResponse> request;

    private final List<Row> rows = new ArrayList<>();

    private CorsPolicyTable(Function<BrowserRequest, CorsResponse> preflight,
            Function<BrowserRequest, CorsResponse> request) {
        this.preflight = preflight;
        this.request = request;
    }

    /** A table sent through MockMvc, as {@code @WebMvcTest} or {@code @AutoConfigureMockMvc} provides it. */
    public static CorsPolicyTable of(MockMvc mockMvc) {
        return new CorsPolicyTable((request) -> perform(mockMvc, MockMvcCors.preflight(request)),
                (request) -> perform(mockMvc, MockMvcCors.request(request)));
    }

    /** A table sent through {@code MockMvcTester}. */
    public static CorsPolicyTable of(MockMvcTester mockMvc) {
        return new CorsPolicyTable(
                (request) -> ServletResponses.of(mockMvc.perform(MockMvcCors.preflight(request)).getMvcResult()),
                (request) -> ServletResponses.of(mockMvc.perform(MockMvcCors.request(request)).getMvcResult()));
    }

    /** A table sent through a {@code WebTestClient}, as {@code @WebFluxTest} provides it. */
    public static CorsPolicyTable of(WebTestClient client) {
        return new CorsPolicyTable(
                (request) -> ReactiveResponses.of(WebTestClientCors.preflight(client, request).expectBody().returnResult()),
                (request) -> ReactiveResponses.of(WebTestClientCors.request(client, request).expectBody().returnResult()));
    }

    /**
     * A table sent over HTTP to a running application, with the JDK's client, as from a
     * {@code @SpringBootTest(webEnvironment = RANDOM_PORT)}.
     *
     * @param baseUri the application's address, such as {@code http://localhost:8080}
     */
    public static CorsPolicyTable of(URI baseUri) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return new CorsPolicyTable((request) -> send(client, baseUri, "OPTIONS", request.path(),
                request.preflightHeaders(), null),
                (request) -> send(client, baseUri, request.method(), request.path(), request.requestHeaders(),
                        request.body()));
    }

    private static CorsResponse send(HttpClient client, URI baseUri, String method, String path,
            Map<String, String> headers, @Nullable String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(baseUri.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
                    : HttpRequest.BodyPublishers.noBody());
        headers.forEach(builder::header);
        try {
            HttpResponse<Void> response = client.send(builder.build(), HttpResponse.BodyHandlers.discarding());
            return JdkResponses.of(response);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(method + " " + path + " failed", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static CorsResponse perform(MockMvc mockMvc,
            org.springframework.test.web.servlet.RequestBuilder builder) {
        try {
            return ServletResponses.of(mockMvc.perform(builder).andReturn());
        }
        catch (Exception ex) {
            throw new IllegalStateException("MockMvc could not perform " + builder, ex);
        }
    }

    /** Each of these requests must be allowed: the browser sends it, and the script may read the answer. */
    public CorsPolicyTable allows(BrowserRequest... requests) {
        for (BrowserRequest request : requests) {
            this.rows.add(new Row(request, true));
        }
        return this;
    }

    /** Each of these requests must be refused: by its preflight, or by the CORS check on its answer. */
    public CorsPolicyTable refuses(BrowserRequest... requests) {
        for (BrowserRequest request : requests) {
            this.rows.add(new Row(request, false));
        }
        return this;
    }

    /**
     * Every combination of these origins and methods, on this path, with these headers, must be allowed, for
     * requests sent without credentials ({@link #allowsWithCredentials} for the others).
     *
     * <p>The headers go on <em>every</em> method of the row: {@code Content-Type: application/json} on a
     * {@code GET} makes the browser preflight that {@code GET} too. Give rows of their own to requests that differ.
     * A request with a {@code Content-Type} on a method that carries a body (not GET or HEAD) is sent with a body
     * that fits it ({@code {}} for JSON), so that an endpoint that reads one answers as it does for the page; a
     * {@link BrowserRequest#body(String) body of your own} goes with {@link #allows(BrowserRequest...)}.
     *
     * @param path the path
     * @param origins the pages' origins
     * @param methods the methods
     * @param headers headers the script sets, each written {@code Name: value}, on every method
     * @return this table
     */
    public CorsPolicyTable allows(String path, List<String> origins, List<String> methods, String... headers) {
        return add(true, false, path, origins, methods, headers);
    }

    /** As {@link #allows(String, List, List, String...)}, for requests sent with credentials. */
    public CorsPolicyTable allowsWithCredentials(String path, List<String> origins, List<String> methods,
            String... headers) {
        return add(true, true, path, origins, methods, headers);
    }

    /**
     * Every combination of these origins and methods, on this path, with these headers, must be refused, for
     * requests sent without credentials; the headers go on every method, as for
     * {@link #allows(String, List, List, String...)}.
     */
    public CorsPolicyTable refuses(String path, List<String> origins, List<String> methods, String... headers) {
        return add(false, false, path, origins, methods, headers);
    }

    /** As {@link #refuses(String, List, List, String...)}, for requests sent with credentials. */
    public CorsPolicyTable refusesWithCredentials(String path, List<String> origins, List<String> methods,
            String... headers) {
        return add(false, true, path, origins, methods, headers);
    }

    private CorsPolicyTable add(boolean allowed, boolean credentials, String path, List<String> origins,
            List<String> methods, String... headers) {
        for (String origin : origins) {
            for (String method : methods) {
                BrowserRequest request = BrowserRequest.from(origin).to(method, path);
                for (String header : headers) {
                    int colon = header.indexOf(':');
                    if (colon <= 0) {
                        throw new IllegalArgumentException("Write a header as 'Name: value', not '" + header + "'");
                    }
                    request = request.header(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
                }
                request = withFittingBody(request);
                this.rows.add(new Row(credentials ? request.withCredentials() : request, allowed));
            }
        }
        return this;
    }

    /**
     * A request of a method that carries a body (not GET or HEAD) with a {@code Content-Type} gets a body that fits
     * it, so that an endpoint reading one ({@code @RequestBody}) answers 2xx: {@code {}} for JSON, nothing for
     * anything else.
     */
    private static BrowserRequest withFittingBody(BrowserRequest request) {
        if (request.body() != null || request.method().equals("GET") || request.method().equals("HEAD")) {
            return request;
        }
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            if (header.getKey().equalsIgnoreCase("Content-Type")) {
                return request.body(header.getValue().toLowerCase(Locale.ROOT).contains("json") ? "{}" : "");
            }
        }
        return request;
    }

    /** Sends every row and fails, listing each row that came out otherwise, if any did. */
    public void verify() {
        List<String> failures = new ArrayList<>();
        for (Row row : this.rows) {
            String failure = row.check(this);
            if (failure != null) {
                failures.add(failure);
            }
        }
        if (!failures.isEmpty()) {
            Assertions.fail(failures.size() + " of " + this.rows.size() + " CORS expectations failed:"
                    + System.lineSeparator() + " - " + String.join(System.lineSeparator() + " - ", failures));
        }
    }

    /** One request and whether it must be allowed. */
    private record Row(BrowserRequest request, boolean allowed) {

        @Nullable String check(CorsPolicyTable table) {
            List<String> seen = new ArrayList<>();
            List<String> mistakes = new ArrayList<>();
            String refusal = null;
            CorsResponse refusing = null;
            if (this.request.isPreflighted()) {
                CorsResponse preflight = table.preflight.apply(this.request);
                seen.add("preflight " + preflight.describe());
                mistakes.addAll(BrowserChecks.hygiene(preflight));
                String why = BrowserChecks.preflightCheck(preflight, this.request);
                if (why != null) {
                    refusal = "its preflight stops it: " + why;
                    refusing = preflight;
                }
            }
            if (refusal == null) {
                CorsResponse response = table.request.apply(this.request);
                seen.add(response.describe());
                mistakes.addAll(BrowserChecks.hygiene(response));
                String why = BrowserChecks.corsCheck(response, this.request.origin(), this.request.hasCredentials());
                if (why != null) {
                    refusal = "the script may not read the answer: " + why;
                    refusing = response;
                }
            }
            String exchanges = " [" + String.join("; ", seen) + "]";
            if (!mistakes.isEmpty()) {
                return this.request + ": a malformed CORS response: " + String.join("; ", mistakes) + exchanges;
            }
            if (this.allowed && refusal != null) {
                return this.request + ": expected a browser to allow it, but " + refusal
                        + BrowserChecks.explanation(refusing, this.request) + exchanges;
            }
            if (!this.allowed && refusal == null) {
                return this.request + ": expected a browser to refuse it, but it would send it and let the script"
                        + " read the answer" + exchanges;
            }
            return null;
        }

    }

}
