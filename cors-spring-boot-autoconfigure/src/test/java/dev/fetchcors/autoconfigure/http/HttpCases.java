package dev.fetchcors.autoconfigure.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_HEADERS;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_METHODS;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_ORIGIN;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_EXPOSE_HEADERS;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_MAX_AGE;
import static dev.fetchcors.autoconfigure.http.HttpCase.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table of HTTP cases that the servlet filter on Tomcat and the WebFilter on Netty must both pass, with the
 * application configuration it assumes ({@link #PROPERTIES}) and a plain JDK client to run it.
 */
public final class HttpCases {

    public static final String APP = "https://app.example.com";

    public static final String SUB = "https://eu.shop.example.org";

    public static final String EVIL = "https://evil.example";

    public static final String ANYONE = "https://anyone.example.net";

    public static final String PREFLIGHT_VARY = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

    public static final String[] PROPERTIES = { "app.cors.allowed-origins=https://app.example.com,https://*.example.org",
            "app.cors.allowed-methods=PUT,DELETE", "app.cors.allowed-headers=Content-Type,X-Request-Id",
            "app.cors.exposed-headers=X-Total-Count", "app.cors.allow-credentials=true", "app.cors.max-age=10m",
            "app.cors.policies[0].name=public", "app.cors.policies[0].path-patterns=/public/**",
            "app.cors.policies[0].allowed-origins=*", "app.cors.policies[0].allow-credentials=false" };

    private static final HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();

    private HttpCases() {
    }

    public static Stream<HttpCase> cases() {
        return Stream.of(
                request("not CORS: passed on untouched but for Vary", "GET", "/api/hello").status(200)
                    .noCorsHeaders()
                    .vary("Origin"),
                request("allowed actual request", "GET", "/api/hello").origin(APP)
                    .status(200)
                    .expect(ACCESS_CONTROL_ALLOW_ORIGIN, APP)
                    .expect(ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
                    .expect(ACCESS_CONTROL_EXPOSE_HEADERS, "X-Total-Count")
                    .absent(ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_MAX_AGE)
                    .vary("Origin"),
                request("allowed actual request from a subdomain pattern", "POST", "/api/hello").origin(SUB)
                    .header("Content-Type", "text/plain")
                    .status(200)
                    .expect(ACCESS_CONTROL_ALLOW_ORIGIN, SUB)
                    .expect(ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
                    .vary("Origin"),
                request("refused actual request: 403 before the application runs, no CORS headers", "GET",
                        "/api/hello").origin(EVIL)
                    .status(403)
                    .noCorsHeaders()
                    .vary("Origin"),
                request("apex of a subdomain pattern is refused", "GET", "/api/hello")
                    .origin("https://example.org")
                    .status(403)
                    .noCorsHeaders()
                    .vary("Origin"),
                request("malformed origin is refused, never an error", "GET", "/api/hello")
                    .origin("https://app.example.com/")
                    .status(403)
                    .noCorsHeaders()
                    .vary("Origin"),
                request("allowed preflight", "OPTIONS", "/api/hello").preflight(APP, "PUT")
                    .header("Access-Control-Request-Headers", "content-type,x-request-id")
                    .status(204)
                    .expect(ACCESS_CONTROL_ALLOW_ORIGIN, APP)
                    .expect(ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
                    .expect(ACCESS_CONTROL_ALLOW_METHODS, "PUT,DELETE")
                    .expect(ACCESS_CONTROL_ALLOW_HEADERS, "content-type,x-request-id")
                    .expect(ACCESS_CONTROL_MAX_AGE, "600")
                    .absent(ACCESS_CONTROL_EXPOSE_HEADERS)
                    .vary(PREFLIGHT_VARY),
                request("allowed preflight without requested headers", "OPTIONS", "/api/hello")
                    .preflight(APP, "DELETE")
                    .status(204)
                    .expect(ACCESS_CONTROL_ALLOW_ORIGIN, APP)
                    .expect(ACCESS_CONTROL_ALLOW_METHODS, "PUT,DELETE")
                    .absent(ACCESS_CONTROL_ALLOW_HEADERS)
                    .vary(PREFLIGHT_VARY),
                request("preflight to a path the application does not have", "OPTIONS", "/nowhere")
                    .preflight(APP, "PUT")
                    .status(204)
                    .expect(ACCESS_CONTROL_ALLOW_ORIGIN, APP)
                    .vary(PREFLIGHT_VARY),
                request("preflight refused: origin", "OPTIONS", "/api/hello").preflight(EVIL, "PUT")
                    .status(403)
                    .noCorsHeaders()
                    .vary(PREFLIGHT_VARY),
                request("preflight refused: method", "OPTIONS", "/api/hello").preflight(APP, "PATCH")
                    .status(403)
                    .noCorsHeaders()
                    .vary(PREFLIGHT_VARY),
                request("preflight refused: method case", "OPTIONS", "/api/hello").preflight(APP, "put")
                    .status(403)
                    .noCorsHeaders()
                    .vary(PREFLIGHT_VARY),
                request("preflight refused: header", "OPTIONS", "/api/hello").preflight(APP, "PUT")
                    .header("Access-Control-Request-Headers", "content-type,x-secret")
                    .status(403)
                    .noCorsHeaders()
                    .vary(PREFLIGHT_VARY),
                request("preflight refused: header over two lines", "OPTIONS", "/api/hello").preflight(APP, "PUT")
                    .header("Access-Control-Request-Headers", "content-type")
                    .header("Access-Control-Request-Headers", "x-secret")
                    .status(403)
                    .noCorsHeaders()
                    .vary(PREFLIGHT_VARY),
                request("preflight allowed: whitespace and a few empty elements tolerated", "OPTIONS", "/api/hello")
                    .preflight(APP, "PUT")
                    .header("Access-Control-Request-Headers", " ,Content-Type ,, x-request-id,")
                    .status(204)
                    .expect(ACCESS_CONTROL_ALLOW_ORIGIN, APP)
                    .vary(PREFLIGHT_VARY),
                request("preflight refused: 1,024 commas", "OPTIONS", "/api/hello").preflight(APP, "PUT")
                    .header("Access-Control-Request-Headers", ",".repeat(1024))
                    .status(403)
                    .noCorsHeaders()
                    .vary(PREFLIGHT_VARY),
                // Short names, so that the line stays under the servers' own 8 KiB header limit (400 or 431).
                request("preflight refused: 1,000 header names", "OPTIONS", "/api/hello").preflight(APP, "PUT")
                    .header("Access-Control-Request-Headers", names(1000))
                    .status(403)
                    .noCorsHeaders()
                    .vary(PREFLIGHT_VARY),
                request("preflight refused: 200 header names, over the cap on names", "OPTIONS", "/api/hello")
                    .preflight(APP, "PUT")
                    .header("Access-Control-Request-Headers", names(200))
                    .status(403)
                    .noCorsHeaders()
                    .vary(PREFLIGHT_VARY),
                request("refused: an origin with a path, byte for byte", "GET", "/api/hello")
                    .origin(APP + "/")
                    .status(403)
                    .noCorsHeaders()
                    .vary("Origin"),
                request("OPTIONS without Access-Control-Request-Method is an ordinary request", "OPTIONS",
                        "/api/hello")
                    .origin(APP)
                    .expect(ACCESS_CONTROL_ALLOW_ORIGIN, APP)
                    .absent(ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_MAX_AGE)
                    .status(200),
                // Spring Framework 6.2's static resource handler adds Vary tokens of its own to the 404.
                request("404 keeps the CORS headers", "GET", "/nowhere").origin(APP)
                    .status(404)
                    .expect(ACCESS_CONTROL_ALLOW_ORIGIN, APP)
                    .expect(ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
                    .varyIncludes("Origin"),
                request("exception in a controller keeps the CORS headers", "GET", "/api/boom").origin(APP)
                    .status(500)
                    .expect(ACCESS_CONTROL_ALLOW_ORIGIN, APP)
                    .expect(ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
                    .expect(ACCESS_CONTROL_EXPOSE_HEADERS, "X-Total-Count")
                    .vary("Origin"),
                request("a handler that throws, from a refused origin: refused before it runs", "GET", "/api/boom")
                    .origin(EVIL)
                    .status(403)
                    .noCorsHeaders()
                    .vary("Origin"),
                request("per-path policy: any origin, no credentials, no Vary", "GET", "/public/hello")
                    .origin(ANYONE)
                    .status(200)
                    .expect(ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                    .absent(ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_METHODS)
                    .expect(ACCESS_CONTROL_EXPOSE_HEADERS, "X-Total-Count")
                    .vary(null),
                request("per-path policy of any origin: not CORS, the static answer", "GET", "/public/hello")
                    .status(200)
                    .expect(ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                    .expect(ACCESS_CONTROL_EXPOSE_HEADERS, "X-Total-Count")
                    .absent(ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_HEADERS,
                            ACCESS_CONTROL_MAX_AGE)
                    .vary(null),
                request("per-path policy: preflight inherits methods and max age", "OPTIONS", "/public/hello")
                    .preflight(ANYONE, "DELETE")
                    .status(204)
                    .expect(ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                    .expect(ACCESS_CONTROL_ALLOW_METHODS, "PUT,DELETE")
                    .expect(ACCESS_CONTROL_MAX_AGE, "600")
                    .absent(ACCESS_CONTROL_ALLOW_CREDENTIALS)
                    .vary(PREFLIGHT_VARY),
                request("per-path policy: exception keeps that policy's headers", "GET", "/public/boom")
                    .origin(ANYONE)
                    .status(500)
                    .expect(ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                    .absent(ACCESS_CONTROL_ALLOW_CREDENTIALS)
                    .vary(null),
                request("two Origin lines: not allowed, no CORS headers, refused", "GET", "/api/hello").origin(APP)
                    .header("Origin", APP)
                    .status(403)
                    .noCorsHeaders()
                    .vary("Origin"),
                request("two Origin lines on a preflight: refused", "OPTIONS", "/api/hello").origin(APP)
                    .header("Origin", APP)
                    .header("Access-Control-Request-Method", "PUT")
                    .status(403)
                    .noCorsHeaders()
                    .vary(PREFLIGHT_VARY),
                request("per-path policy of any origin: an error without Origin keeps the static answer", "GET",
                        "/public/boom")
                    .status(500)
                    .expect(ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                    .absent(ACCESS_CONTROL_ALLOW_CREDENTIALS)
                    .vary(null),
                request("per-path policy of any origin: a 404 without Origin keeps the static answer", "GET",
                        "/public/nowhere")
                    .status(404)
                    .expect(ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                    .absent(ACCESS_CONTROL_ALLOW_CREDENTIALS),
                request("Vary added by the controller is kept", "GET", "/api/vary").origin(APP)
                    .status(200)
                    .expect(ACCESS_CONTROL_ALLOW_ORIGIN, APP)
                    .vary("Origin, Accept-Encoding"),
                request("Vary set before the CORS filter is kept", "GET", "/early/vary").origin(APP)
                    .status(200)
                    .expect(ACCESS_CONTROL_ALLOW_ORIGIN, APP)
                    .vary("Accept-Encoding, Origin"),
                request("Vary added by the controller is kept, and Origin in it, without Origin", "GET", "/api/vary")
                    .status(200)
                    .absent(ACCESS_CONTROL_ALLOW_ORIGIN)
                    .vary("Accept-Encoding, Origin"),
                request("Vary replaced by a handler that writes no body keeps Origin", "GET", "/api/vary-no-body")
                    .origin(APP)
                    .status(204)
                    .expect(ACCESS_CONTROL_ALLOW_ORIGIN, APP)
                    .vary("Accept-Language, Origin"),
                request("Vary replaced by a handler that writes no body keeps Origin, without Origin", "GET",
                        "/api/vary-no-body")
                    .status(204)
                    .absent(ACCESS_CONTROL_ALLOW_ORIGIN)
                    .vary("Accept-Language, Origin"),
                request("Vary replaced by a handler that then fails: the error keeps Origin and the CORS headers",
                        "GET", "/api/vary-then-boom")
                    .origin(APP)
                    .status(500)
                    .expect(ACCESS_CONTROL_ALLOW_ORIGIN, APP)
                    .varyIncludes("Origin"));
    }

    /**
     * Cases for an application that also uses Spring's own CORS support ({@code @CrossOrigin},
     * {@code addCorsMappings}): still one set of CORS headers. Spring may add Vary tokens of its own there.
     */
    public static Stream<HttpCase> interopCases() {
        return Stream.of(
                request("@CrossOrigin: allowed origin gets one set of headers", "GET", "/api/cross").origin(APP)
                    .status(200)
                    .expect(ACCESS_CONTROL_ALLOW_ORIGIN, APP)
                    .expect(ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
                    .expect(ACCESS_CONTROL_EXPOSE_HEADERS, "X-Total-Count"),
                request("@CrossOrigin: preflight answered by the filter", "OPTIONS", "/api/cross")
                    .preflight(APP, "PUT")
                    .status(204)
                    .expect(ACCESS_CONTROL_ALLOW_ORIGIN, APP)
                    .expect(ACCESS_CONTROL_ALLOW_METHODS, "PUT,DELETE")
                    .vary(PREFLIGHT_VARY),
                request("addCorsMappings: allowed origin gets one set of headers", "GET", "/mapped/hello")
                    .origin(APP)
                    .status(200)
                    .expect(ACCESS_CONTROL_ALLOW_ORIGIN, APP)
                    .expect(ACCESS_CONTROL_ALLOW_CREDENTIALS, "true"),
                request("addCorsMappings: preflight answered by the filter", "OPTIONS", "/mapped/hello")
                    .preflight(APP, "DELETE")
                    .status(204)
                    .expect(ACCESS_CONTROL_ALLOW_ORIGIN, APP)
                    .expect(ACCESS_CONTROL_ALLOW_METHODS, "PUT,DELETE")
                    .vary(PREFLIGHT_VARY),
                request("@CrossOrigin alone allows an origin the policy refuses: refused before it, as Spring"
                        + " refuses the origins it does not allow", "GET", "/api/cross")
                    .origin("https://cross.example")
                    .status(403)
                    .noCorsHeaders(),
                request("addCorsMappings alone allows an origin the policy refuses: refused before it", "GET",
                        "/mapped/hello")
                    .origin("https://mapped.example")
                    .status(403)
                    .noCorsHeaders());
    }

    private static List<String> tokens(String list) {
        return Stream.of(list.split(",")).map(String::strip).filter((token) -> !token.isEmpty()).toList();
    }

    /** {@code count} distinct short header names, comma-separated. */
    private static String names(int count) {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < count; i++) {
            names.append((i > 0) ? "," : "").append('h').append(i);
        }
        return names.toString();
    }

    /** Sends the case's request to the server on {@code port} and checks the response against the case. */
    public static void run(int port, HttpCase httpCase) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + httpCase.path))
            .timeout(Duration.ofSeconds(20))
            .method(httpCase.method, HttpRequest.BodyPublishers.noBody());
        for (String[] header : httpCase.requestHeaders) {
            builder.header(header[0], header[1]);
        }
        HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        String description = httpCase.name + ": " + response.headers().map();
        assertThat(response.statusCode()).as(description).isEqualTo(httpCase.status);
        for (String header : HttpCase.CORS_HEADERS) {
            assertThat(response.headers().allValues(header)).as(description + " lines of " + header).hasSizeLessThan(2);
        }
        httpCase.expectedHeaders.forEach((name, value) -> {
            if (value == null) {
                assertThat(response.headers().firstValue(name)).as(description + " " + name).isEmpty();
            }
            else {
                assertThat(response.headers().firstValue(name)).as(description + " " + name).hasValue(value);
            }
        });
        List<String> vary = response.headers().allValues("Vary");
        List<String> varyTokens = tokens(String.join(",", vary)).stream()
            .map((token) -> token.toLowerCase(Locale.ROOT))
            .toList();
        assertThat(varyTokens).as(description + " Vary tokens").doesNotHaveDuplicates();
        if (httpCase.varyIncludes != null) {
            assertThat(varyTokens).as(description + " Vary").contains(httpCase.varyIncludes.toLowerCase(Locale.ROOT));
        }
        else if (httpCase.varyChecked && httpCase.vary == null) {
            assertThat(vary).as(description + " Vary").isEmpty();
        }
        else if (httpCase.varyChecked) {
            // Exactly these tokens, each once; servlet containers keep separate lines where Netty gets one.
            assertThat(tokens(String.join(",", vary))).as(description + " Vary")
                .containsExactlyInAnyOrderElementsOf(tokens(httpCase.vary));
        }
        if (httpCase.method.equals("OPTIONS") && httpCase.status != 200) {
            assertThat(response.body()).as(description + " body").isEmpty();
        }
    }

}
