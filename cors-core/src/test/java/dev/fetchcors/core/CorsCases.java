package dev.fetchcors.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.fetchcors.core.CorsCase.Expect;
import dev.fetchcors.core.CorsDecision.Refusal;

import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_HEADERS;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_METHODS;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_ORIGIN;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_PRIVATE_NETWORK;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_EXPOSE_HEADERS;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_MAX_AGE;

/**
 * The contract as a table: every row is a {@link CorsCase}. {@link CorsCaseTableTests} runs it against the engine;
 * adapter tests can run {@link #all()} (or {@link #sendableOverHttp()}) against a real server.
 */
public final class CorsCases {

    static final String PREFLIGHT_VARY = String.join(", ", CorsHeaders.ORIGIN,
            CorsHeaders.ACCESS_CONTROL_REQUEST_METHOD, CorsHeaders.ACCESS_CONTROL_REQUEST_HEADERS);

    static final String PREFLIGHT_VARY_PRIVATE_NETWORK = PREFLIGHT_VARY + ", "
            + CorsHeaders.ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK;

    /** Exact origins, a subdomain wildcard, port wildcards, loopback and IP literals; no credentials. */
    public static final CorsConfig LISTED = CorsConfig.builder()
        .allowedOrigins("https://example.org", "https://*.example.com", "https://api.example.net:*",
                "https://*.example.io:*", "http://localhost:3000", "http://[::1]:8080", "http://127.0.0.1:8080",
                "https://[2001:db8::1]")
        .allowedMethods("PUT", "DELETE", "patch")
        .allowedHeaders("Content-Type", "X-Request-Id")
        .exposedHeaders("X-Total-Count")
        .maxAge(Duration.ofMinutes(10))
        .build();

    /** Like {@link #LISTED}, with credentials (so https origins and loopback only). */
    public static final CorsConfig CREDENTIALED = CorsConfig.builder()
        .allowedOrigins("https://example.org", "https://*.example.com", "http://localhost:3000")
        .allowedMethods("PUT")
        .allowedHeaders("Content-Type", "Authorization")
        .exposedHeaders("X-Total-Count")
        .allowCredentials(true)
        .build();

    /** Credentials, and origins that may only send: an identity provider, a payment service's pages. */
    public static final CorsConfig SEND_ONLY = CorsConfig.builder()
        .allowedOrigins("https://example.org")
        .sendOnlyOrigins("https://appleid.apple.com", "https://*.psp.example")
        .allowCredentials(true)
        .build();

    /** Refused requests passed on without CORS headers, as before cross-origin protection. */
    public static final CorsConfig UNPROTECTED = CorsConfig.builder()
        .allowedOrigins("https://example.org")
        .crossOriginProtection(false)
        .allowCredentials(true)
        .build();

    /** Everything {@code *}, no credentials. */
    public static final CorsConfig ANY = CorsConfig.builder()
        .allowedOrigins("*")
        .allowedMethods("*")
        .allowedHeaders("*")
        .exposedHeaders("*")
        .build();

    /** {@code *} next to an exact origin: the exact entry must not change the answer to one that varies. */
    public static final CorsConfig ANY_AND_EXACT = CorsConfig.builder()
        .allowedOrigins("https://example.org", "*")
        .build();

    /** Method and header wildcards with credentials, where {@code *} is a literal name. */
    public static final CorsConfig WILDCARDS_CREDENTIALED = CorsConfig.builder()
        .allowedOrigins("https://example.org")
        .allowedMethods("*")
        .allowedHeaders("*")
        .allowCredentials(true)
        .build();

    /** Header wildcard with Authorization listed explicitly, no credentials. */
    public static final CorsConfig WILDCARD_HEADERS_AND_AUTHORIZATION = CorsConfig.builder()
        .allowedOrigins("https://example.org")
        .allowedHeaders("*", "Authorization")
        .build();

    /** Header wildcard with Authorization listed explicitly, with credentials. */
    public static final CorsConfig WILDCARD_HEADERS_AND_AUTHORIZATION_CREDENTIALED = CorsConfig.builder()
        .allowedOrigins("https://example.org")
        .allowedHeaders("*", "Authorization")
        .allowCredentials(true)
        .build();

    /** Only an origin: no methods or headers beyond the safelisted ones. */
    public static final CorsConfig ORIGIN_ONLY = CorsConfig.builder().allowedOrigins("https://example.org").build();

    public static final CorsConfig PRIVATE_NETWORK = CorsConfig.builder()
        .allowedOrigins("https://example.org")
        .allowPrivateNetwork(true)
        .build();

    public static final CorsConfig STATUS_200 = CorsConfig.builder()
        .allowedOrigins("https://example.org")
        .preflightStatus(200)
        .build();

    public static final CorsConfig PASSTHROUGH = CorsConfig.builder()
        .allowedOrigins("https://example.org")
        .allowedMethods("PUT")
        .preflightPassthrough(true)
        .build();

    /** A dynamic origin check next to a listed origin, with credentials. */
    public static final CorsConfig ORIGIN_CHECK = CorsConfig.builder()
        .allowedOrigins("https://example.org")
        .originCheck(new SuffixCheck(".tenants.example"))
        .allowCredentials(true)
        .build();

    /** Origins allowed by {@link #LISTED}. */
    static final List<String> LISTED_ALLOWED = List.of("https://example.org", "https://a.example.com",
            "https://a.b.c.example.com", "https://xn--bcher-kva.example.com", "https://1.example.com",
            "https://api.example.net", "https://api.example.net:8443", "https://api.example.net:1",
            "https://api.example.net:65535", "https://x.example.io", "https://x.y.example.io:9",
            "http://localhost:3000", "http://[::1]:8080", "http://127.0.0.1:8080", "https://[2001:db8::1]");

    /** Origins refused by {@link #LISTED}: look-alikes, other schemes and ports, and malformed values. */
    static final List<String> LISTED_REFUSED = List.of(
            // look-alikes
            "https://evilexample.org", "https://example.org.evil.com", "https://evil.com/.example.org",
            "https://evil.com?.example.org", "https://evil.com#.example.org", "https://evil.com\\.example.org",
            "https://evilexample.com", "https://example.com.evil.com", "https://a.example.com.evil.com",
            "https://example.net", "https://apiexample.net", "https://x.api.example.net",
            // the apex of a wildcard
            "https://example.com", "https://example.io", "https://example.io:9",
            // another scheme or port
            "http://example.org", "https://example.org:8443", "http://a.example.com", "https://a.example.com:8443",
            "http://api.example.net:8443", "http://localhost:3001", "http://localhost", "https://localhost:3000",
            "http://[::1]:8081", "http://[::1]", "http://127.0.0.1", "ws://example.org", "ftp://example.org",
            "file://", "chrome-extension://abcdefghijklmnop",
            // not serialized origins
            "null", "", " ", "*", "https://*.example.com", "https://example.org/", "https://example.org/path",
            "https://example.org?", "https://example.org#", "https://user@example.org",
            "https://user:pass@example.org", "https://example.org@evil.com", "HTTPS://EXAMPLE.ORG",
            "https://Example.org", "https://A.example.com", "Https://example.org", "https://example.org.",
            "https://a.example.com.", "https://example.org:443", "http://localhost:80", "http://localhost:03000",
            "http://localhost:3000:3000", "https://example.org:", "https://example.org:0",
            "https://example.org:65536", "https://example.org:99999999999", "https://example.org:+443",
            "https://example.org:-1", "https://", "https:", "https:example.org", "https:/example.org",
            "//example.org", "example.org", "https:///example.org", "https://.example.com", "https://a..example.com",
            "https://-a.example.com", "https://a-.example.com", "https://a_b.example.com", "https://a%2eexample.com",
            "https://a.example.com%00", "https://" + "a".repeat(64) + ".example.com",
            // IPv6 forms
            "https://[2001:DB8::1]", "https://[2001:db8:0:0:0:0:0:1]", "https://[2001:0db8::1]",
            "https://[2001:db8::0:1]", "https://[::ffff:127.0.0.1]", "https://2001:db8::1", "https://[2001:db8::1",
            "https://[2001:db8::1]:443", "http://[0:0:0:0:0:0:0:1]:8080", "http://[::0:1]:8080",
            "http://[::01]:8080", "http://[::1]]:8080", "http://[[::1]]:8080", "http://[::1%25eth0]:8080",
            // IPv4 forms
            "http://127.000.000.001:8080", "http://127.0.0.01:8080", "http://0177.0.0.1:8080",
            "http://0x7f.0.0.1:8080", "http://2130706433:8080", "http://127.1:8080", "http://127.0.0.1.:8080",
            "http://127.0.0.256:8080", "http://127.0.0.1.1:8080", "https://example.0x1",
            // overlong values
            "https://" + "a.".repeat(150) + "example.com", "https://" + "a".repeat(10_000) + ".example.com",
            "https://example.org" + " ".repeat(10_000),
            // control bytes and whitespace
            "https://example.org\u0000", "https://exam\u0000ple.org", "https://example.org\r\nX-Evil: 1",
            "https://example.org\t", "\thttps://example.org", " https://example.org", "https://example.org ",
            "https://a.example.com\u007F",
            // non-ASCII
            "https://bücher.example.com", "https://\u0430pple.example.com", "https://example\u3002org",
            "https://a.example.com\uFF0Eevil.com", "https://ex\u00ADample.org", "https://example.org\uD800");

    private CorsCases() {
    }

    /** Every row. */
    public static List<CorsCase> all() {
        List<CorsCase> cases = new ArrayList<>();
        origins(cases);
        crossOriginRequests(cases);
        notCors(cases);
        severalOriginLines(cases);
        webSocketHandshakes(cases);
        preflightMethods(cases);
        preflightHeaders(cases);
        wildcards(cases);
        credentials(cases);
        privateNetwork(cases);
        preflightStatusAndPassthrough(cases);
        originCheck(cases);
        return Collections.unmodifiableList(cases);
    }

    /** The rows whose requests an ordinary HTTP client can send unchanged. */
    public static List<CorsCase> sendableOverHttp() {
        return all().stream().filter(CorsCase::sendableOverHttp).toList();
    }

    private static void origins(List<CorsCase> cases) {
        for (String origin : LISTED_ALLOWED) {
            cases.add(allowedActual(LISTED, origin)
                .build("actual request from allowed " + origin, LISTED, request("GET", "Origin", origin)));
            cases.add(Expect.preflight()
                .answered(204)
                .header(ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                .header(ACCESS_CONTROL_ALLOW_METHODS, "PUT,DELETE,patch")
                .header(ACCESS_CONTROL_ALLOW_HEADERS, "content-type,x-request-id")
                .header(ACCESS_CONTROL_MAX_AGE, "600")
                .vary(PREFLIGHT_VARY)
                .build("preflight from allowed " + origin, LISTED, request("OPTIONS", "Origin", origin,
                        "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "content-type")));
        }
        for (String origin : LISTED_REFUSED) {
            cases.add(Expect.actual()
                .refused(Refusal.ORIGIN)
                .answered(403)
                .vary("Origin")
                .build("actual request from refused " + printable(origin) + ": refused with 403 before the"
                        + " application runs", LISTED, request("GET", "Origin", origin)));
            cases.add(Expect.preflight()
                .refused(Refusal.ORIGIN)
                .answered(403)
                .vary(PREFLIGHT_VARY)
                .build("preflight from refused " + printable(origin), LISTED,
                        request("OPTIONS", "Origin", origin, "Access-Control-Request-Method", "PUT")));
        }
        cases.add(Expect.actual()
            .refused(Refusal.ORIGIN)
            .vary("Origin")
            .build("a same-origin POST with an unlisted Origin is passed on without CORS headers, not refused", LISTED,
                    request("POST", "Origin", "https://api.internal.example").to("https://api.internal.example:443")));
        cases.add(Expect.actual()
            .refused(Refusal.ORIGIN)
            .vary("Origin")
            .build("a Host that names the Origin earns no CORS header: passed on as same-origin, never allowed", LISTED,
                    request("GET", "Origin", "https://evil.example").to("https://EVIL.example")));
    }

    /**
     * Section 3, revised: a cross-origin request the policy refuses is refused with 403 before the application runs,
     * whatever its method; a page of the application itself, navigations, send-only origins and requests without
     * fetch metadata from another site never are.
     */
    private static void crossOriginRequests(List<CorsCase> cases) {
        String evil = "https://evil.example";
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "GET", "HEAD", "OPTIONS")) {
            cases.add(Expect.actual().refused(Refusal.ORIGIN).answered(403).vary("Origin")
                .build(method + " from a refused origin: 403 before the application runs", CREDENTIALED,
                        request(method, "Origin", evil, "Cookie", "session=1")));
        }
        cases.add(Expect.actual().refused(Refusal.ORIGIN).answered(403).vary("Origin")
            .build("a cross-site form POST (Sec-Fetch-Mode: navigate) from a refused origin: 403", CREDENTIALED,
                    request("POST", "Origin", evil, "Content-Type", "application/x-www-form-urlencoded",
                            "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "navigate", "Sec-Fetch-Dest",
                            "document")));
        cases.add(Expect.actual().refused(Refusal.ORIGIN).answered(403).vary("Origin")
            .build("a no-cors POST from a sandboxed frame (Origin: null): 403", CREDENTIALED,
                    request("POST", "Origin", "null", "Content-Type", "text/plain", "Sec-Fetch-Site", "cross-site",
                            "Sec-Fetch-Mode", "no-cors")));
        cases.add(Expect.actual().refused(Refusal.ORIGIN).answered(403).vary("Origin")
            .build("a same-site POST from a refused sibling origin: 403", CREDENTIALED,
                    request("POST", "Origin", "https://blog.example.org", "Sec-Fetch-Site", "same-site")));
        cases.add(Expect.actual().refused(Refusal.ORIGIN).vary("Origin")
            .build("Sec-Fetch-Site: same-origin (a page of the application behind a proxy): passed on", CREDENTIALED,
                    request("POST", "Origin", "https://app.internal", "Sec-Fetch-Site", "same-origin")));
        cases.add(Expect.actual().refused(Refusal.ORIGIN).vary("Origin")
            .build("Sec-Fetch-Site: none (the user's own action): passed on", CREDENTIALED,
                    request("POST", "Origin", "https://app.internal", "Sec-Fetch-Site", "none")));
        cases.add(Expect.actual().refused(Refusal.ORIGIN).answered(403).vary("Origin")
            .build("Sec-Fetch-Site: cross-site outweighs a target that looks like the Origin: 403", CREDENTIALED,
                    request("POST", "Origin", evil, "Sec-Fetch-Site", "cross-site").to(evil)));
        cases.add(Expect.actual().refused(Refusal.ORIGIN).vary("Origin")
            .build("the application's own origin, default port spelled out by the server: passed on", CREDENTIALED,
                    request("PUT", "Origin", "http://localhost:8080").to("http://LOCALHOST:8080")));
        cases.add(Expect.actual().refused(Refusal.ORIGIN).answered(403).vary("Origin")
            .build("another port of the application's host is another origin: 403", CREDENTIALED,
                    request("PUT", "Origin", "http://localhost:8081").to("http://localhost:8080")));
        cases.add(Expect.actual().refused(Refusal.ORIGIN).vary("Origin")
            .build("the application's own IPv6 origin, host without brackets: passed on", CREDENTIALED,
                    request("POST", "Origin", "http://[::1]:8080").to("http://[::1]:8080")));
        cases.add(Expect.actual().refused(Refusal.ORIGIN).vary("Origin")
            .build("a navigation by GET (Sec-Fetch-Mode: navigate): passed on", CREDENTIALED,
                    request("GET", "Origin", evil, "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "navigate")));
        cases.add(Expect.actual().refused(Refusal.ORIGIN).vary("Origin")
            .build("a send-only origin's form POST runs, without CORS headers", SEND_ONLY,
                    request("POST", "Origin", "https://appleid.apple.com", "Content-Type",
                            "application/x-www-form-urlencoded", "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode",
                            "navigate")));
        cases.add(Expect.actual().refused(Refusal.ORIGIN).vary("Origin")
            .build("a send-only pattern's POST runs, without CORS headers", SEND_ONLY,
                    request("POST", "Origin", "https://pay.psp.example", "Sec-Fetch-Site", "cross-site")));
        cases.add(Expect.actual().refused(Refusal.ORIGIN).answered(403).vary("Origin")
            .build("the apex of a send-only pattern is not a send-only origin: 403", SEND_ONLY,
                    request("POST", "Origin", "https://psp.example", "Sec-Fetch-Site", "cross-site")));
        cases.add(Expect.actual().refused(Refusal.ORIGIN).vary("Origin")
            .build("cross-origin-protection false passes a refused origin's request on, as before", UNPROTECTED,
                    request("POST", "Origin", evil, "Sec-Fetch-Site", "cross-site")));
        cases.add(Expect.notCors().vary("Origin")
            .build("no Origin, unsafe method, Sec-Fetch-Site: cross-site, protection off: not CORS", UNPROTECTED,
                    request("POST", "Sec-Fetch-Site", "cross-site")));
        for (String site : List.of("cross-site", "same-site")) {
            cases.add(Expect.actual().refused(Refusal.ORIGIN).answered(403).vary("Origin")
                .build("no Origin but Sec-Fetch-Site: " + site + " and an unsafe method: 403", CREDENTIALED,
                        request("DELETE", "Sec-Fetch-Site", site)));
            cases.add(Expect.notCors().vary("Origin")
                .build("no Origin, Sec-Fetch-Site: " + site + ", a safe method (an image, a link): not CORS",
                        CREDENTIALED, request("GET", "Sec-Fetch-Site", site, "Sec-Fetch-Dest", "image")));
        }
        cases.add(Expect.notCors().vary("Origin")
            .build("no Origin, Sec-Fetch-Site: same-origin, a POST: not CORS", CREDENTIALED,
                    request("POST", "Sec-Fetch-Site", "same-origin")));
        cases.add(Expect.notCors().vary("Origin")
            .build("no Origin and no fetch metadata (a server, a webhook): not CORS", CREDENTIALED,
                    request("POST", "Content-Type", "application/json")));
        cases.add(Expect.notCors().header(ACCESS_CONTROL_ALLOW_ORIGIN, "*").header(ACCESS_CONTROL_EXPOSE_HEADERS, "*")
            .build("'*' without credentials allows every origin, so nothing is refused", ANY,
                    request("POST", "Sec-Fetch-Site", "cross-site")));
    }

    private static void notCors(List<CorsCase> cases) {
        cases.add(Expect.notCors()
            .vary("Origin")
            .build("no Origin: not CORS, passed on with Vary: Origin", LISTED, request("GET")));
        cases.add(Expect.notCors()
            .vary("Origin")
            .build("no Origin on a POST", CREDENTIALED, request("POST", "Content-Type", "application/json")));
        cases.add(Expect.notCors()
            .vary("Origin")
            .build("OPTIONS with Access-Control-Request-Method but no Origin is not CORS", LISTED,
                    request("OPTIONS", "Access-Control-Request-Method", "PUT")));
        cases.add(Expect.notCors()
            .header(ACCESS_CONTROL_ALLOW_ORIGIN, "*")
            .header(ACCESS_CONTROL_EXPOSE_HEADERS, "*")
            .build("no Origin with '*' and no credentials: the static answer, no Vary", ANY, request("GET")));
        cases.add(Expect.notCors()
            .header(ACCESS_CONTROL_ALLOW_ORIGIN, "*")
            .build("no Origin with '*' next to an exact origin: the static answer", ANY_AND_EXACT,
                    request("POST", "Content-Type", "text/plain")));
        cases.add(allowedActual(LISTED, "https://example.org")
            .build("OPTIONS without Access-Control-Request-Method is an ordinary CORS request", LISTED,
                    request("OPTIONS", "Origin", "https://example.org")));
        cases.add(allowedActual(LISTED, "https://example.org")
            .build("a lower-case options is not a preflight", LISTED, request("options", "Origin",
                    "https://example.org", "Access-Control-Request-Method", "PUT")));
    }

    private static void severalOriginLines(List<CorsCase> cases) {
        cases.add(Expect.actual()
            .refused(Refusal.ORIGIN)
            .answered(403)
            .vary("Origin")
            .build("two Origin lines, both allowed: not a serialized origin", LISTED,
                    request("GET", "Origin", "https://example.org", "Origin", "https://example.org")));
        cases.add(Expect.actual()
            .refused(Refusal.ORIGIN)
            .answered(403)
            .vary("Origin")
            .build("two Origin lines: the first one does not decide", CREDENTIALED,
                    request("GET", "Origin", "https://example.org", "Origin", "https://evil.example")));
        cases.add(refusedPreflight(Refusal.ORIGIN)
            .build("preflight with two Origin lines is refused", LISTED, request("OPTIONS", "Origin",
                    "https://example.org", "Origin", "https://example.org", "Access-Control-Request-Method",
                    "PUT")));
        cases.add(refusedPreflight(Refusal.ORIGIN)
            .build("preflight with two Origin lines is refused under '*' too", ANY, request("OPTIONS", "Origin",
                    "https://example.org", "Origin", "https://example.org", "Access-Control-Request-Method",
                    "PUT")));
        cases.add(Expect.actual()
            .header(ACCESS_CONTROL_ALLOW_ORIGIN, "*")
            .header(ACCESS_CONTROL_EXPOSE_HEADERS, "*")
            .build("two Origin lines under '*': the static answer, which never depends on Origin", ANY,
                    request("GET", "Origin", "https://example.org", "Origin", "https://evil.example")));
    }

    /** A configuration that leaves WebSocket handshakes to the application. */
    static final CorsConfig HANDSHAKES_NOT_JUDGED = CorsConfig.builder()
        .allowedOrigins("https://example.org")
        .webSocketHandshakes(false)
        .build();

    private static void webSocketHandshakes(List<CorsCase> cases) {
        for (String origin : List.of("https://example.org", "https://a.example.com", "http://localhost:3000")) {
            cases.add(Expect.handshake()
                .vary("Origin")
                .build("WebSocket handshake from allowed " + origin + ": passed on, no CORS headers", LISTED,
                        handshake(origin)));
        }
        for (String origin : List.of("https://evil.example", "https://example.org.evil.com", "null",
                "https://example.org/", "http://example.org", "https://example.com")) {
            cases.add(Expect.handshake()
                .refused(Refusal.ORIGIN)
                .answered(403)
                .vary("Origin")
                .build("WebSocket handshake from " + origin + " is refused with 403", LISTED, handshake(origin)));
        }
        cases.add(Expect.handshake()
            .refused(Refusal.ORIGIN)
            .answered(403)
            .vary("Origin")
            .build("WebSocket handshake with two Origin lines is refused", LISTED, request("GET", "Origin",
                    "https://example.org", "Origin", "https://example.org", "Upgrade", "websocket")));
        cases.add(Expect.handshake()
            .vary("Origin")
            .build("the Upgrade token is case-insensitive and may be one of several", LISTED,
                    request("GET", "Origin", "https://example.org", "Upgrade", "foo, WebSocket")));
        cases.add(Expect.handshake()
            .build("WebSocket handshake under '*': any well-formed origin, no Vary", ANY,
                    handshake("https://anyone.example")));
        cases.add(Expect.handshake()
            .refused(Refusal.ORIGIN)
            .answered(403)
            .build("WebSocket handshake under '*' from the null origin is still refused", ANY, handshake("null")));
        cases.add(Expect.handshake()
            .vary("Origin")
            .build("WebSocket handshake allowed by the origin check", ORIGIN_CHECK,
                    handshake("https://shop.tenants.example")));
        cases.add(Expect.notCors()
            .vary("Origin")
            .build("WebSocket handshake without Origin (not a browser): passed on", LISTED,
                    request("GET", "Upgrade", "websocket")));
        cases.add(allowedActual(LISTED, "https://example.org")
            .build("another Upgrade is an ordinary request", LISTED,
                    request("GET", "Origin", "https://example.org", "Upgrade", "h2c")));
        cases.add(allowedActual(LISTED, "https://example.org")
            .build("only a GET is a handshake", LISTED,
                    request("POST", "Origin", "https://example.org", "Upgrade", "websocket")));
        cases.add(Expect.actual()
            .refused(Refusal.ORIGIN)
            .vary("Origin")
            .build("handshakes left to the application: an ordinary request", HANDSHAKES_NOT_JUDGED,
                    handshake("https://evil.example")));
        // RFC 8441: a WebSocket over HTTP/2 opens with CONNECT and :protocol websocket, judged as a GET handshake.
        cases.add(Expect.handshake()
            .vary("Origin")
            .build("HTTP/2 extended CONNECT handshake from an allowed origin: passed on", LISTED,
                    extendedConnect("https://example.org")));
        for (String origin : List.of("https://evil.example", "null", "https://example.org.evil.com")) {
            cases.add(Expect.handshake()
                .refused(Refusal.ORIGIN)
                .answered(403)
                .vary("Origin")
                .build("HTTP/2 extended CONNECT handshake from " + origin + " is refused with 403", LISTED,
                        extendedConnect(origin)));
        }
        cases.add(Expect.handshake()
            .refused(Refusal.ORIGIN)
            .answered(403)
            .vary("Origin")
            .build("a CONNECT whose :protocol the server does not show is judged as a handshake all the same", LISTED,
                    request("CONNECT", "Origin", "https://evil.example")));
        cases.add(allowedActual(LISTED, "https://example.org")
            .build("a lower-case connect is another method: an ordinary request", LISTED,
                    request("connect", "Origin", "https://example.org")));
        // Spring's own same-origin check accepts a page of the application itself; so does the policy.
        for (String target : List.of("https://portal.example.net", "https://PORTAL.example.net:443",
                "https://portal.example.net:443")) {
            cases.add(Expect.handshake()
                .vary("Origin")
                .build("WebSocket handshake from the application's own origin, served as " + target, ORIGIN_ONLY,
                        handshake("https://portal.example.net").to(target)));
        }
        cases.add(Expect.handshake()
            .vary("Origin")
            .build("WebSocket handshake from the application's own origin on a port", ORIGIN_ONLY,
                    handshake("http://localhost:8080").to("http://localhost:8080")));
        cases.add(Expect.handshake()
            .vary("Origin")
            .build("HTTP/2 extended CONNECT from the application's own origin", ORIGIN_ONLY,
                    extendedConnect("https://portal.example.net").to("https://portal.example.net")));
        for (String[] other : new String[][] { { "http://portal.example.net", "another scheme" },
                { "https://portal.example.net:8443", "another port" },
                { "https://www.portal.example.net", "another host" },
                { "https://portal.example.net.", "not a serialized origin" }, { "null", "opaque" } }) {
            cases.add(Expect.handshake()
                .refused(Refusal.ORIGIN)
                .answered(403)
                .vary("Origin")
                .build("WebSocket handshake from " + other[0] + " to https://portal.example.net is refused ("
                        + other[1] + ")", ORIGIN_ONLY, handshake(other[0]).to("https://portal.example.net")));
        }
        cases.add(Expect.actual()
            .refused(Refusal.ORIGIN)
            .vary("Origin")
            .build("the application's own origin earns no Access-Control-Allow-Origin on a request", ORIGIN_ONLY,
                    request("GET", "Origin", "https://portal.example.net").to("https://portal.example.net")));
    }

    static TestRequest extendedConnect(String origin) {
        return request("CONNECT", "Origin", origin, "Sec-WebSocket-Version", "13");
    }

    static TestRequest handshake(String origin) {
        return request("GET", "Origin", origin, "Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Version", "13", "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
    }

    private static void preflightMethods(List<CorsCase> cases) {
        String[][] allowed = { { "PUT", "listed" }, { "DELETE", "listed" }, { "patch", "listed in lower case" },
                { "GET", "safelisted, never needs listing" }, { "HEAD", "safelisted" }, { "POST", "safelisted" } };
        for (String[] method : allowed) {
            cases.add(allowedPreflight(LISTED, "https://example.org", "PUT,DELETE,patch")
                .build("preflight method " + method[0] + " (" + method[1] + ")", LISTED,
                        preflight("https://example.org", method[0])));
        }
        String[][] refused = { { "put", "methods are case-sensitive" }, { "PATCH", "only 'patch' is listed" },
                { "Delete", "case-sensitive" }, { "OPTIONS", "not listed" }, { "CUSTOM", "not listed" },
                { "get", "not the safelisted GET" }, { "PU T", "not a token" }, { "", "empty" },
                { "PUT,DELETE", "a list is not a method" }, { "PUT\r\n", "control bytes" },
                { "P\u00dcT", "non-ASCII" } };
        for (String[] method : refused) {
            cases.add(refusedPreflight(Refusal.METHOD)
                .build("preflight method " + printable(method[0]) + " refused (" + method[1] + ")", LISTED,
                        preflight("https://example.org", method[0])));
        }
        for (String method : List.of("CONNECT", "TRACE", "TRACK", "trace", "connect")) {
            cases.add(refusedPreflight(Refusal.METHOD)
                .build("preflight method " + method + " refused even by '*'", ANY,
                        preflight("https://example.org", method)));
        }
        cases.add(allowedPreflight(ORIGIN_ONLY, "https://example.org", "GET,HEAD,POST")
            .build("no allowed methods: the safelisted ones are answered", ORIGIN_ONLY,
                    preflight("https://example.org", "POST")));
        cases.add(refusedPreflight(Refusal.METHOD)
            .build("no allowed methods: PUT is refused", ORIGIN_ONLY, preflight("https://example.org", "PUT")));
        cases.add(allowedPreflight(ANY, "*", "*")
            .build("allowed methods '*' without credentials answer '*'", ANY,
                    preflight("https://example.org", "PATCH")));
        cases.add(allowedPreflight(ANY, "*", "*")
            .build("allowed methods '*' allow any token, in any case", ANY,
                    preflight("https://example.org", "x-Custom.Method~1")));
    }

    private static void preflightHeaders(List<CorsCase> cases) {
        String listedHeaders = "content-type,x-request-id";
        Map<String, String[]> allowed = new LinkedHashMap<>();
        allowed.put("names in any case", new String[] { "CONTENT-TYPE,X-Request-ID" });
        allowed.put("a browser's sorted lower-case list", new String[] { "content-type,x-request-id" });
        allowed.put("optional whitespace", new String[] { " content-type ,\tx-request-id\t" });
        allowed.put("empty elements", new String[] { ",content-type,, ,x-request-id," });
        allowed.put("a name twice", new String[] { "content-type,Content-Type" });
        allowed.put("several header lines", new String[] { "content-type", "x-request-id" });
        allowed.put("an empty line among several", new String[] { "", "x-request-id" });
        allowed.put("16 empty elements (the limit)", new String[] { "content-type" + ",".repeat(16) });
        for (Map.Entry<String, String[]> entry : allowed.entrySet()) {
            cases.add(allowedPreflight(LISTED, "https://example.org", "PUT,DELETE,patch")
                .header(ACCESS_CONTROL_ALLOW_HEADERS, listedHeaders)
                .build("preflight headers allowed: " + entry.getKey(), LISTED,
                        preflightWithHeaders("https://example.org", "PUT", entry.getValue())));
        }
        cases.add(allowedPreflight(LISTED, "https://example.org", "PUT,DELETE,patch")
            .build("preflight without Access-Control-Request-Headers: no Access-Control-Allow-Headers", LISTED,
                    preflight("https://example.org", "PUT")));
        cases.add(allowedPreflight(LISTED, "https://example.org", "PUT,DELETE,patch")
            .build("an empty Access-Control-Request-Headers asks for nothing", LISTED,
                    preflightWithHeaders("https://example.org", "PUT", "")));

        Map<String, String[]> refused = new LinkedHashMap<>();
        refused.put("one unlisted name", new String[] { "content-type,x-other" });
        refused.put("an unlisted name on a second line", new String[] { "content-type", "x-other" });
        refused.put("Authorization, not listed", new String[] { "authorization" });
        refused.put("a name with a space", new String[] { "x request-id" });
        refused.put("a name with a colon", new String[] { "x-request-id:" });
        refused.put("a non-ASCII name", new String[] { "x-r\u00e9quest-id" });
        refused.put("a control byte", new String[] { "x-request-id\u0000" });
        refused.put("17 empty elements", new String[] { "content-type" + ",".repeat(17) });
        refused.put("1,024 commas", new String[] { ",".repeat(1024) });
        refused.put("10,000 names", new String[] { names(10_000) });
        refused.put("10,000 lines", IntStream.range(0, 10_000).mapToObj((i) -> "x-request-id").toArray(String[]::new));
        refused.put("over 4096 bytes", new String[] { "x-request-id," + " ".repeat(4096) });
        for (Map.Entry<String, String[]> entry : refused.entrySet()) {
            cases.add(refusedPreflight(Refusal.HEADERS)
                .build("preflight headers refused: " + entry.getKey(), LISTED,
                        preflightWithHeaders("https://example.org", "PUT", entry.getValue())));
        }
        cases.add(allowedPreflight(ANY, "*", "*")
            .header(ACCESS_CONTROL_ALLOW_HEADERS, "*")
            .build("128 names under '*' (the limit)", ANY,
                    preflightWithHeaders("https://example.org", "PUT", names(128))));
        cases.add(refusedPreflight(Refusal.HEADERS)
            .build("129 names under '*' are refused", ANY,
                    preflightWithHeaders("https://example.org", "PUT", names(129))));
        cases.add(refusedPreflight(Refusal.HEADERS)
            .build("10,000 names under '*' are refused", ANY,
                    preflightWithHeaders("https://example.org", "PUT", names(10_000))));
        cases.add(refusedPreflight(Refusal.HEADERS)
            .build("1,024 commas under '*' are refused", ANY,
                    preflightWithHeaders("https://example.org", "PUT", "x-a" + ",".repeat(1024))));
        cases.add(allowedPreflight(ANY, "*", "*")
            .header(ACCESS_CONTROL_ALLOW_HEADERS, "*")
            .build("4095 bytes of Access-Control-Request-Headers (the limit)", ANY,
                    preflightWithHeaders("https://example.org", "PUT", "x-" + "a".repeat(4093))));
        cases.add(refusedPreflight(Refusal.HEADERS)
            .build("4096 bytes of Access-Control-Request-Headers are refused", ANY,
                    preflightWithHeaders("https://example.org", "PUT", "x-" + "a".repeat(4094))));
    }

    private static void wildcards(List<CorsCase> cases) {
        cases.add(Expect.actual()
            .header(ACCESS_CONTROL_ALLOW_ORIGIN, "*")
            .header(ACCESS_CONTROL_EXPOSE_HEADERS, "*")
            .build("'*' without credentials answers '*' and does not vary", ANY,
                    request("GET", "Origin", "https://anything.example")));
        for (String origin : List.of("null", "https://EXAMPLE.org/", "not an origin")) {
            cases.add(Expect.actual()
                .header(ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .header(ACCESS_CONTROL_EXPOSE_HEADERS, "*")
                .build("'*' without credentials answers '*' even to " + origin, ANY,
                        request("GET", "Origin", origin)));
        }
        cases.add(allowedPreflight(ANY, "*", "*")
            .header(ACCESS_CONTROL_ALLOW_HEADERS, "*")
            .build("'*' headers without credentials answer '*'", ANY,
                    preflightWithHeaders("https://example.org", "PUT", "x-a,content-type")));
        cases.add(refusedPreflight(Refusal.HEADERS)
            .build("'*' headers never cover Authorization", ANY,
                    preflightWithHeaders("https://example.org", "PUT", "x-a,Authorization")));
        cases.add(allowedPreflight(ANY, "*", "*")
            .header(ACCESS_CONTROL_ALLOW_HEADERS, "*")
            .build("'*' covers a name that merely contains authorization", ANY,
                    preflightWithHeaders("https://example.org", "PUT", "x-authorization,authorization-x")));
        cases.add(Expect.actual()
            .header(ACCESS_CONTROL_ALLOW_ORIGIN, "*")
            .build("'*' next to an exact origin still answers '*' without Vary", ANY_AND_EXACT,
                    request("GET", "Origin", "https://example.org")));
        cases.add(allowedPreflight(ANY_AND_EXACT, "*", "GET,HEAD,POST")
            .build("'*' next to an exact origin, preflight", ANY_AND_EXACT,
                    preflight("https://example.org", "POST")));
        cases.add(allowedPreflight(WILDCARD_HEADERS_AND_AUTHORIZATION, "https://example.org", "GET,HEAD,POST")
            .header(ACCESS_CONTROL_ALLOW_HEADERS, "*,authorization")
            .build("'*' headers with Authorization listed answer '*,authorization'",
                    WILDCARD_HEADERS_AND_AUTHORIZATION,
                    preflightWithHeaders("https://example.org", "POST", "authorization,x-a")));
    }

    private static void credentials(List<CorsCase> cases) {
        cases.add(allowedActual(CREDENTIALED, "https://example.org")
            .build("credentials: the origin is echoed with Access-Control-Allow-Credentials", CREDENTIALED,
                    request("GET", "Origin", "https://example.org", "Cookie", "session=1")));
        cases.add(allowedActual(CREDENTIALED, "http://localhost:3000")
            .build("credentials: http://localhost is allowed", CREDENTIALED,
                    request("GET", "Origin", "http://localhost:3000")));
        cases.add(Expect.actual()
            .refused(Refusal.ORIGIN)
            .answered(403)
            .vary("Origin")
            .build("credentials: refused origin", CREDENTIALED, request("GET", "Origin", "https://evil.example")));
        cases.add(allowedPreflight(CREDENTIALED, "https://a.example.com", "PUT")
            .header(ACCESS_CONTROL_ALLOW_HEADERS, "content-type,authorization")
            .build("credentials: preflight with Authorization listed", CREDENTIALED,
                    preflightWithHeaders("https://a.example.com", "PUT", "authorization")));
        cases.add(allowedPreflight(WILDCARDS_CREDENTIALED, "https://example.org", "PATCH")
            .build("credentials: methods '*' echo the requested method", WILDCARDS_CREDENTIALED,
                    preflight("https://example.org", "PATCH")));
        cases.add(allowedPreflight(WILDCARDS_CREDENTIALED, "https://example.org", "x-Custom")
            .build("credentials: methods '*' echo a custom method byte for byte", WILDCARDS_CREDENTIALED,
                    preflight("https://example.org", "x-Custom")));
        cases.add(allowedPreflight(WILDCARDS_CREDENTIALED, "https://example.org", "PUT")
            .header(ACCESS_CONTROL_ALLOW_HEADERS, "x-b,x-a")
            .build("credentials: headers '*' echo the requested names, lower-cased, once each",
                    WILDCARDS_CREDENTIALED,
                    preflightWithHeaders("https://example.org", "PUT", " X-B ,x-a", "x-b,,")));
        cases.add(refusedPreflight(Refusal.HEADERS)
            .build("credentials: headers '*' never cover Authorization", WILDCARDS_CREDENTIALED,
                    preflightWithHeaders("https://example.org", "PUT", "x-a,authorization")));
        cases.add(refusedPreflight(Refusal.METHOD)
            .build("credentials: methods '*' still refuse TRACE", WILDCARDS_CREDENTIALED,
                    preflight("https://example.org", "TRACE")));
        cases.add(allowedPreflight(WILDCARD_HEADERS_AND_AUTHORIZATION_CREDENTIALED, "https://example.org",
                "GET,HEAD,POST")
            .header(ACCESS_CONTROL_ALLOW_HEADERS, "authorization,x-a")
            .build("credentials: headers '*' with Authorization listed echo it",
                    WILDCARD_HEADERS_AND_AUTHORIZATION_CREDENTIALED,
                    preflightWithHeaders("https://example.org", "POST", "Authorization,X-A")));
    }

    private static void privateNetwork(List<CorsCase> cases) {
        cases.add(Expect.preflight()
            .answered(204)
            .header(ACCESS_CONTROL_ALLOW_ORIGIN, "https://example.org")
            .header(ACCESS_CONTROL_ALLOW_METHODS, "GET,HEAD,POST")
            .header(ACCESS_CONTROL_ALLOW_PRIVATE_NETWORK, "true")
            .vary(PREFLIGHT_VARY_PRIVATE_NETWORK)
            .build("private network: enabled and requested", PRIVATE_NETWORK, request("OPTIONS", "Origin",
                    "https://example.org", "Access-Control-Request-Method", "GET",
                    "Access-Control-Request-Private-Network", "true")));
        cases.add(Expect.preflight()
            .answered(204)
            .header(ACCESS_CONTROL_ALLOW_ORIGIN, "https://example.org")
            .header(ACCESS_CONTROL_ALLOW_METHODS, "GET,HEAD,POST")
            .vary(PREFLIGHT_VARY_PRIVATE_NETWORK)
            .build("private network: enabled, not requested", PRIVATE_NETWORK,
                    preflight("https://example.org", "GET")));
        cases.add(Expect.preflight()
            .answered(204)
            .header(ACCESS_CONTROL_ALLOW_ORIGIN, "https://example.org")
            .header(ACCESS_CONTROL_ALLOW_METHODS, "GET,HEAD,POST")
            .vary(PREFLIGHT_VARY_PRIVATE_NETWORK)
            .build("private network: enabled, requested with a value other than true", PRIVATE_NETWORK,
                    request("OPTIONS", "Origin", "https://example.org", "Access-Control-Request-Method", "GET",
                            "Access-Control-Request-Private-Network", "TRUE")));
        cases.add(allowedPreflight(ORIGIN_ONLY, "https://example.org", "GET,HEAD,POST")
            .build("private network: requested, not enabled", ORIGIN_ONLY, request("OPTIONS", "Origin",
                    "https://example.org", "Access-Control-Request-Method", "GET",
                    "Access-Control-Request-Private-Network", "true")));
        cases.add(Expect.preflight()
            .refused(Refusal.ORIGIN)
            .answered(403)
            .vary(PREFLIGHT_VARY_PRIVATE_NETWORK)
            .build("private network: refused origin", PRIVATE_NETWORK, request("OPTIONS", "Origin",
                    "https://evil.example", "Access-Control-Request-Method", "GET",
                    "Access-Control-Request-Private-Network", "true")));
        cases.add(allowedActual(PRIVATE_NETWORK, "https://example.org")
            .build("private network: actual requests are unchanged", PRIVATE_NETWORK,
                    request("GET", "Origin", "https://example.org")));
    }

    private static void preflightStatusAndPassthrough(List<CorsCase> cases) {
        cases.add(Expect.preflight()
            .answered(200)
            .header(ACCESS_CONTROL_ALLOW_ORIGIN, "https://example.org")
            .header(ACCESS_CONTROL_ALLOW_METHODS, "GET,HEAD,POST")
            .vary(PREFLIGHT_VARY)
            .build("preflight-status 200", STATUS_200, preflight("https://example.org", "GET")));
        cases.add(refusedPreflight(Refusal.ORIGIN)
            .build("preflight-status 200: refusals are still 403", STATUS_200,
                    preflight("https://evil.example", "GET")));
        cases.add(Expect.preflight()
            .header(ACCESS_CONTROL_ALLOW_ORIGIN, "https://example.org")
            .header(ACCESS_CONTROL_ALLOW_METHODS, "PUT")
            .vary(PREFLIGHT_VARY)
            .build("passthrough: an allowed preflight goes on with CORS headers", PASSTHROUGH,
                    preflight("https://example.org", "PUT")));
        cases.add(Expect.preflight()
            .refused(Refusal.METHOD)
            .vary(PREFLIGHT_VARY)
            .build("passthrough: a refused preflight goes on without CORS headers", PASSTHROUGH,
                    preflight("https://example.org", "DELETE")));
        cases.add(Expect.preflight()
            .refused(Refusal.ORIGIN)
            .vary(PREFLIGHT_VARY)
            .build("passthrough: a refused origin goes on without CORS headers", PASSTHROUGH,
                    preflight("https://evil.example", "PUT")));
    }

    private static void originCheck(List<CorsCase> cases) {
        cases.add(allowedActual(ORIGIN_CHECK, "https://a.tenants.example")
            .build("origin check: allows an unlisted origin", ORIGIN_CHECK,
                    request("GET", "Origin", "https://a.tenants.example")));
        cases.add(allowedActual(ORIGIN_CHECK, "https://example.org")
            .build("origin check: listed origins are still allowed", ORIGIN_CHECK,
                    request("GET", "Origin", "https://example.org")));
        cases.add(Expect.actual()
            .refused(Refusal.ORIGIN)
            .answered(403)
            .vary("Origin")
            .build("origin check: refuses", ORIGIN_CHECK, request("GET", "Origin", "https://evil.example")));
        cases.add(Expect.actual()
            .refused(Refusal.ORIGIN)
            .answered(403)
            .vary("Origin")
            .build("origin check: is never asked about a malformed origin", ORIGIN_CHECK,
                    request("GET", "Origin", "https://a.tenants.example/")));
        cases.add(Expect.actual()
            .refused(Refusal.ORIGIN)
            .answered(403)
            .vary("Origin")
            .build("origin check: is never asked about null", ORIGIN_CHECK, request("GET", "Origin", "null")));
        cases.add(allowedPreflight(ORIGIN_CHECK, "https://b.tenants.example", "GET,HEAD,POST")
            .build("origin check: preflight", ORIGIN_CHECK, preflight("https://b.tenants.example", "POST")));
        cases.add(Expect.notCors()
            .vary("Origin")
            .build("origin check: not CORS still varies", ORIGIN_CHECK, request("GET")));
    }

    /** An allowed, answered preflight: origin, credentials and methods; add headers and max age as needed. */
    private static Expect allowedPreflight(CorsConfig config, String allowOrigin, String allowMethods) {
        Expect expect = Expect.preflight();
        if (!config.preflightPassthrough()) {
            expect.answered(config.preflightStatus());
        }
        expect.header(ACCESS_CONTROL_ALLOW_ORIGIN, allowOrigin);
        if (config.allowCredentials()) {
            expect.header(ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        }
        expect.header(ACCESS_CONTROL_ALLOW_METHODS, allowMethods);
        if (config.maxAge() != null) {
            expect.header(ACCESS_CONTROL_MAX_AGE, Long.toString(config.maxAge().getSeconds()));
        }
        return expect.vary(config.allowPrivateNetwork() ? PREFLIGHT_VARY_PRIVATE_NETWORK : PREFLIGHT_VARY);
    }

    /** An allowed actual request under a configuration that lists origins (so its answer varies). */
    private static Expect allowedActual(CorsConfig config, String allowOrigin) {
        Expect expect = Expect.actual().header(ACCESS_CONTROL_ALLOW_ORIGIN, allowOrigin);
        if (config.allowCredentials()) {
            expect.header(ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        }
        if (!config.exposedHeaders().isEmpty()) {
            expect.header(ACCESS_CONTROL_EXPOSE_HEADERS, String.join(",", config.exposedHeaders()));
        }
        return expect.vary("Origin");
    }

    private static Expect refusedPreflight(Refusal refusal) {
        return Expect.preflight().refused(refusal).answered(403).vary(PREFLIGHT_VARY);
    }

    static TestRequest request(String method, String... namesAndValues) {
        return TestRequest.of(method, namesAndValues);
    }

    static TestRequest preflight(String origin, String method) {
        return request("OPTIONS", "Origin", origin, "Access-Control-Request-Method", method);
    }

    static TestRequest preflightWithHeaders(String origin, String method, String... requestHeaderLines) {
        List<String> lines = new ArrayList<>(List.of("Origin", origin, "Access-Control-Request-Method", method));
        for (String line : requestHeaderLines) {
            lines.add("Access-Control-Request-Headers");
            lines.add(line);
        }
        return request("OPTIONS", lines.toArray(new String[0]));
    }

    static String names(int count) {
        return IntStream.range(0, count).mapToObj((i) -> "x-h" + i).collect(Collectors.joining(","));
    }

    static String printable(String value) {
        StringBuilder out = new StringBuilder();
        int length = Math.min(value.length(), 60);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            out.append((c < 0x20 || c > 0x7E) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return (length < value.length()) ? out + "...(" + value.length() + " chars)" : out.toString();
    }

    /** An origin check by host suffix, with a readable {@code toString()} for reports. */
    record SuffixCheck(String suffix) implements OriginCheck {

        @Override
        public boolean isAllowed(String origin) {
            if (Origins.parse(origin) == Origins.INVALID) {
                throw new AssertionError("The origin check was asked about a malformed origin: " + origin);
            }
            return origin.endsWith(this.suffix);
        }

    }

}
