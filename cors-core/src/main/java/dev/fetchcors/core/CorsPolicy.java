package dev.fetchcors.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;

import dev.fetchcors.core.CorsDecision.Kind;
import dev.fetchcors.core.CorsDecision.Refusal;

import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_HEADERS;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_METHODS;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_ORIGIN;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_PRIVATE_NETWORK;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_EXPOSE_HEADERS;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_MAX_AGE;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_REQUEST_HEADERS;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_REQUEST_METHOD;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK;
import static dev.fetchcors.core.CorsHeaders.ORIGIN;
import static dev.fetchcors.core.CorsHeaders.UPGRADE;

/**
 * A compiled, immutable CORS policy: the engine. It classifies each request (not CORS, preflight or actual CORS
 * request) and tells the web adapter exactly which headers to set and whether to answer the request itself.
 *
 * <pre>{@code
 * CorsPolicy policy = CorsPolicy.compile(CorsConfig.builder()
 *         .allowedOrigins("https://app.example.com", "https://*.example.org")
 *         .allowedMethods("PUT", "DELETE")
 *         .allowedHeaders("Content-Type")
 *         .allowCredentials(true)
 *         .build());             // throws CorsConfigException listing every problem
 *
 * CorsDecision decision = policy.evaluate(requestView);
 * }</pre>
 *
 * <p>The rules it enforces, after the Fetch standard:
 * <ul>
 * <li>An {@code Origin} is allowed only when it is a well-formed serialized origin that an exact entry, a
 * subdomain wildcard ({@code https://*.example.com}: one or more labels, never the apex), a port wildcard
 * ({@code :*}) or the {@link OriginCheck} allows; with {@code *} and no credentials every request may read.
 * Lookups cost the same for one configured origin or ten thousand.</li>
 * <li>{@code Access-Control-Allow-Origin} echoes the request's {@code Origin} byte for byte, or is {@code *} for
 * any origin without credentials.</li>
 * <li>Preflight methods are compared byte for byte ({@code put} is not {@code PUT}); GET, HEAD and POST always
 * pass; CONNECT, TRACE and TRACK never do.</li>
 * <li>Requested header names are compared case-insensitively over every {@code Access-Control-Request-Headers}
 * line, tolerating whitespace and a few empty elements; past {@value #MAX_REQUEST_HEADER_NAMES} names,
 * {@value #MAX_EMPTY_ELEMENTS} empty elements or {@value #MAX_REQUEST_HEADERS_BYTES} bytes the preflight is
 * refused without reading further.</li>
 * <li>With credentials, {@code *} is a literal name (Fetch): allowed methods and headers {@code *} then echo what
 * was requested; {@code *} never covers {@code Authorization}, which must be listed.</li>
 * <li>Refused preflights get 403 and no CORS headers; refused actual requests are passed on without CORS headers
 * (the browser enforces). Responses that depend on {@code Origin} say {@code Vary: Origin}.</li>
 * <li>A WebSocket handshake ({@code GET} with {@code Upgrade: websocket}, or over HTTP/2 an extended
 * {@code CONNECT}), which browsers send to any site with the user's cookies, is judged by the allowed origins
 * alone, and accepted from the application's own origin ({@link CorsRequest#targetOrigin()}): refused (a
 * {@code null} or malformed origin included) it gets 403 before the application runs.</li>
 * </ul>
 * Every header value that does not depend on the request is computed once, here.
 */
public final class CorsPolicy {

    /** The most header names a preflight may ask for. */
    static final int MAX_REQUEST_HEADER_NAMES = 128;

    /** The most empty elements tolerated in {@code Access-Control-Request-Headers}. */
    static final int MAX_EMPTY_ELEMENTS = 16;

    /** The most bytes of {@code Access-Control-Request-Headers}, all lines together. */
    static final int MAX_REQUEST_HEADERS_BYTES = 4096;

    /**
     * The most allowed headers for which a policy keeps every line a browser may send ({@link #browserLines}):
     * 63 lines at most, a few kilobytes.
     */
    static final int MAX_BROWSER_LINE_NAMES = 6;

    /** What the header scan answers when a preflight asks for no header: allowed, nothing to write. */
    private static final CorsDecision NO_HEADERS_REQUESTED = new CorsDecision(Kind.PREFLIGHT, null, 0,
            CorsDecision.NO_HEADERS, null, "No request header is asked for.", null);

    /** What becomes of a refused actual request, said after the reason; a comparison leaves it out. */
    static final String PASSED_ON_WITHOUT_HEADERS = " The request is passed on without CORS headers.";

    private static final String REASON_NOT_CORS = "No Origin header: not a CORS request; passed on untouched.";

    private static final String REASON_HANDSHAKE = "WebSocket handshake refused with 403 (browsers apply no CORS to"
            + " WebSocket, so its origin is checked here):";

    private static final String REASON_NOT_CORS_STATIC = "No Origin header: not a CORS request; passed on with the"
            + " policy's static Access-Control-Allow-Origin: * (allowed-origins '*' without credentials), so that a"
            + " cached copy also serves cross-origin readers.";

    private static final String REASON_ORIGIN_NOT_LISTED = "Origin '{}' is not allowed: no entry of"
            + " allowed-origins matches it (patterns match subdomains, never the apex domain, and never another"
            + " scheme or port). Add it to allowed-origins if that site should read responses.";

    private static final String REASON_ORIGIN_MALFORMED = "Origin '{}' is not allowed: {problem}.";

    private static final String REASON_SEVERAL_ORIGINS = "The request has more than one Origin header line, so its"
            + " origin is not a serialized origin (a browser sends exactly one): not allowed.";

    /** What becomes of a refused cross-origin request, said after the reason. */
    static final String STOPPED = " Refused with 403 before the application runs (cross-origin-protection): a page"
            + " on another origin must not make it do work it may not read the answer of.";

    private static final String SEC_FETCH_SITE = "Sec-Fetch-Site";

    private static final String SEC_FETCH_MODE = "Sec-Fetch-Mode";

    private final CorsConfig config;

    private final boolean shadow;

    private final CorsPolicy candidate;

    private final boolean credentials;

    private final boolean anyOrigin;

    private final Map<String, ExactOrigin> exactOrigins;

    private final OriginMatcher patterns;

    private final OriginCheck originCheck;

    private final boolean anyMethod;

    private final Set<String> methods;

    private final boolean anyHeader;

    private final RegionTable<Boolean> headers;

    /**
     * Every {@code Access-Control-Request-Headers} line a browser sends for a request whose non-safelisted headers
     * are all listed, indexed by length; {@code null} past {@value #MAX_BROWSER_LINE_NAMES} listed headers. Fetch
     * writes the names byte-lowercased, sorted and joined by a bare comma ("CORS-unsafe request-header names"), so
     * a short list has few such lines, and a preflight that sends one of them is allowed after one comparison of
     * strings, where a scan reads, checks and looks up each name. Any other line is scanned, with the same result.
     */
    private final String[][] browserLines;

    private final boolean privateNetwork;

    private final int preflightStatus;

    // Request-independent values, computed once.

    private final String allowMethods;

    private final String allowHeaders;

    private final String exposeHeaders;

    private final String maxAge;

    private final String actualVary;

    private final String preflightVary;

    private final CorsDecision notCors;

    private final CorsDecision actualRefusedOrigin;

    private final CorsDecision actualMalformedOrigin;

    private final CorsDecision preflightRefusedOrigin;

    private final CorsDecision preflightMalformedOrigin;

    private final CorsDecision actualSeveralOrigins;

    private final CorsDecision preflightSeveralOrigins;

    private final boolean webSocketHandshakes;

    private final CorsDecision handshakeAllowed;

    private final CorsDecision handshakeSameOrigin;

    private final CorsDecision handshakeRefusedOrigin;

    private final CorsDecision handshakeMalformedOrigin;

    private final CorsDecision handshakeSeveralOrigins;

    private final CorsDecision preflightRefusedMethod;

    /** {@link #preflightRefusedMethod} for a method not all in upper case, whose case may be the mistake. */
    private final CorsDecision preflightRefusedMethodCase;

    private final CorsDecision preflightForbiddenMethod;

    private final CorsDecision preflightRefusedHeader;

    private final CorsDecision preflightAuthorizationNotCovered;

    private final CorsDecision preflightInvalidHeader;

    private final CorsDecision preflightTooManyHeaders;

    private final CorsDecision anyOriginActual;

    private final String[] actualHeaders;

    /** Whether refused cross-origin requests are refused with 403 ({@code cross-origin-protection}, not under '*'). */
    private final boolean protection;

    private final Set<String> sendOnlyOrigins;

    private final OriginMatcher sendOnlyPatterns;

    private final CorsDecision actualStoppedOrigin;

    private final CorsDecision actualStoppedMalformedOrigin;

    private final CorsDecision actualStoppedSeveralOrigins;

    private final CorsDecision actualSendOnly;

    private final CorsDecision actualSameOrigin;

    private final CorsDecision actualNavigation;

    private final CorsDecision crossSiteWithoutOrigin;

    private CorsPolicy(CorsConfig config, ConfigValidator valid) {
        this.config = config;
        this.shadow = config.mode() == CorsConfig.Mode.SHADOW;
        this.candidate = (config.candidate() != null) ? new CorsPolicy(config.candidate(), valid.candidate) : null;
        this.credentials = config.allowCredentials();
        this.anyOrigin = valid.anyOrigin && !this.credentials;
        this.originCheck = config.originCheck();
        this.patterns = new OriginMatcher(valid.patterns);
        this.anyMethod = valid.anyMethod;
        this.methods = Set.copyOf(valid.methods);
        this.anyHeader = valid.anyHeader;
        this.headers = new RegionTable<>(valid.headers.toArray(new String[0]),
                valid.headers.stream().map((h) -> Boolean.TRUE).toArray(Boolean[]::new), true);
        this.browserLines = browserLines(valid.headers);
        this.privateNetwork = config.allowPrivateNetwork();
        this.preflightStatus = config.preflightPassthrough() ? 0 : config.preflightStatus();

        this.allowMethods = this.anyMethod ? (this.credentials ? null : "*")
                : (valid.methods.isEmpty() ? "GET,HEAD,POST" : String.join(",", valid.methods));
        this.allowHeaders = this.anyHeader ? (this.credentials ? null : join("*", valid.headers))
                : String.join(",", valid.headers);
        this.exposeHeaders = valid.anyExposedHeader ? join("*", valid.exposedHeaders)
                : (valid.exposedHeaders.isEmpty() ? null : String.join(",", valid.exposedHeaders));
        this.maxAge = (valid.maxAgeSeconds >= 0) ? Long.toString(valid.maxAgeSeconds) : null;
        this.actualVary = this.anyOrigin ? null : ORIGIN;
        this.preflightVary = String.join(", ", ORIGIN, ACCESS_CONTROL_REQUEST_METHOD, ACCESS_CONTROL_REQUEST_HEADERS)
                + (this.privateNetwork ? ", " + ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK : "");

        this.actualRefusedOrigin = refusal(Kind.ACTUAL, Refusal.ORIGIN, this.actualVary, REASON_ORIGIN_NOT_LISTED
                + PASSED_ON_WITHOUT_HEADERS);
        this.actualMalformedOrigin = refusal(Kind.ACTUAL, Refusal.ORIGIN, this.actualVary, REASON_ORIGIN_MALFORMED
                + PASSED_ON_WITHOUT_HEADERS);
        this.preflightRefusedOrigin = refusal(Kind.PREFLIGHT, Refusal.ORIGIN, this.preflightVary,
                REASON_ORIGIN_NOT_LISTED);
        this.preflightMalformedOrigin = refusal(Kind.PREFLIGHT, Refusal.ORIGIN, this.preflightVary,
                REASON_ORIGIN_MALFORMED);
        this.actualSeveralOrigins = refusal(Kind.ACTUAL, Refusal.ORIGIN, this.actualVary, REASON_SEVERAL_ORIGINS
                + PASSED_ON_WITHOUT_HEADERS);
        this.preflightSeveralOrigins = refusal(Kind.PREFLIGHT, Refusal.ORIGIN, this.preflightVary,
                REASON_SEVERAL_ORIGINS);
        this.webSocketHandshakes = config.webSocketHandshakes();
        this.handshakeAllowed = decision(Kind.WEBSOCKET, null, 0, CorsDecision.NO_HEADERS, this.actualVary,
                "WebSocket handshake from '{}' is allowed: its origin is allowed; passed on.", null);
        this.handshakeSameOrigin = decision(Kind.WEBSOCKET, null, 0, CorsDecision.NO_HEADERS,
                this.actualVary, "WebSocket handshake from '{}' is allowed: it is the application's own origin (the"
                        + " request's scheme, host and port), as for a page the application serves; passed on.", null);
        this.handshakeRefusedOrigin = handshakeRefusal(REASON_HANDSHAKE + " Origin '{}' is not allowed: no entry of"
                + " allowed-origins matches it, and it is not the application's own origin. Add it to allowed-origins if"
                + " that site should open sockets here.");
        this.handshakeMalformedOrigin = handshakeRefusal(REASON_HANDSHAKE + " Origin '{}' is not allowed:"
                + " {problem}.");
        this.handshakeSeveralOrigins = handshakeRefusal(REASON_HANDSHAKE + " " + REASON_SEVERAL_ORIGINS);
        this.preflightRefusedMethod = refusal(Kind.PREFLIGHT, Refusal.METHOD, this.preflightVary,
                "Method '{}' is not allowed: add it to allowed-methods.");
        this.preflightRefusedMethodCase = refusal(Kind.PREFLIGHT, Refusal.METHOD, this.preflightVary,
                "Method '{}' is not allowed: add it to allowed-methods as it is sent (methods are case-sensitive:"
                        + " 'put' is not 'PUT').");
        this.preflightForbiddenMethod = refusal(Kind.PREFLIGHT, Refusal.METHOD, this.preflightVary,
                "Method '{}' is never allowed: it is not a valid method, or it is CONNECT, TRACE or TRACK, which"
                        + " browsers forbid.");
        this.preflightRefusedHeader = refusal(Kind.PREFLIGHT, Refusal.HEADERS, this.preflightVary,
                "Request header '{}' is not allowed: add it to allowed-headers.");
        this.preflightAuthorizationNotCovered = refusal(Kind.PREFLIGHT, Refusal.HEADERS, this.preflightVary,
                "Request header '{}' is not covered by '*' in allowed-headers (Fetch: the wildcard never covers"
                        + " Authorization): list Authorization in allowed-headers explicitly.");
        this.preflightInvalidHeader = refusal(Kind.PREFLIGHT, Refusal.HEADERS, this.preflightVary,
                "Access-Control-Request-Headers holds '{}', which is not a header name: browsers never send that.");
        this.preflightTooManyHeaders = refusal(Kind.PREFLIGHT, Refusal.HEADERS, this.preflightVary,
                "Access-Control-Request-Headers is over the limit ({}); refused without reading further. Browsers"
                        + " send one short, comma-separated line.");

        this.protection = config.crossOriginProtection() && !this.anyOrigin;
        this.sendOnlyOrigins = Set.copyOf(valid.sendOnlyExactOrigins);
        this.sendOnlyPatterns = new OriginMatcher(valid.sendOnlyPatterns);
        this.actualStoppedOrigin = stopped("Origin '{}' is not allowed: no entry of allowed-origins matches it, nor"
                + " of send-only-origins, and it is not the application's own origin. Add it to allowed-origins if that"
                + " site should read responses, or to send-only-origins if it only sends requests (an identity"
                + " provider posting back).");
        this.actualStoppedMalformedOrigin = stopped(REASON_ORIGIN_MALFORMED);
        this.actualStoppedSeveralOrigins = stopped(REASON_SEVERAL_ORIGINS);
        this.actualSendOnly = decision(Kind.ACTUAL, Refusal.ORIGIN, 0, CorsDecision.NO_HEADERS, this.actualVary,
                "Origin '{}' may send requests but not read their answers (send-only-origins): passed on without"
                        + " CORS headers.", null);
        this.actualSameOrigin = decision(Kind.ACTUAL, Refusal.ORIGIN, 0, CorsDecision.NO_HEADERS, this.actualVary,
                "Origin '{}' is the application's own origin (the request's scheme, host and port, or its"
                        + " Sec-Fetch-Site says so): passed on without CORS headers, which a page of the application"
                        + " does not need.", null);
        this.actualNavigation = decision(Kind.ACTUAL, Refusal.ORIGIN, 0, CorsDecision.NO_HEADERS, this.actualVary,
                "Origin '{}' is not allowed, but the request is a navigation by GET (Sec-Fetch-Mode: navigate),"
                        + " which changes nothing: passed on without CORS headers.", null);
        this.crossSiteWithoutOrigin = decision(Kind.ACTUAL, Refusal.ORIGIN, 403, CorsDecision.NO_HEADERS,
                this.actualVary, "The request has no Origin, but an unsafe method and Sec-Fetch-Site: cross-site or"
                        + " same-site: a browser sent it from a page on another origin." + STOPPED, null);

        List<String> actual = new ArrayList<>(6);
        actual.add(ACCESS_CONTROL_ALLOW_ORIGIN);
        actual.add(null);
        if (this.credentials) {
            actual.add(ACCESS_CONTROL_ALLOW_CREDENTIALS);
            actual.add("true");
        }
        if (this.exposeHeaders != null) {
            actual.add(ACCESS_CONTROL_EXPOSE_HEADERS);
            actual.add(this.exposeHeaders);
        }
        this.actualHeaders = actual.toArray(new String[0]);
        this.anyOriginActual = this.anyOrigin ? actualAllowed("*") : null;
        // Fetch, "CORS protocol and HTTP caches": a resource whose Access-Control-Allow-Origin is static sends it on
        // every response, non-CORS ones included, so that a shared cache never stores a copy without it.
        this.notCors = this.anyOrigin
                ? decision(Kind.NOT_CORS, null, 0, this.anyOriginActual.headersArray(), null,
                        REASON_NOT_CORS_STATIC, null)
                : decision(Kind.NOT_CORS, null, 0, CorsDecision.NO_HEADERS, this.actualVary, REASON_NOT_CORS,
                        null);

        // With '*' and no credentials every origin gets the same, non-varying answer: an exact entry that echoed
        // its origin would then be cached without Vary: Origin and served to other origins.
        Map<String, ExactOrigin> exact = new HashMap<>((int) (valid.exactOrigins.size() / 0.75f) + 1);
        if (!this.anyOrigin) {
            for (String origin : valid.exactOrigins) {
                exact.put(origin, new ExactOrigin(origin));
            }
        }
        this.exactOrigins = exact;
    }

    /**
     * Validates a configuration and compiles it into a policy.
     *
     * @param config the configuration
     * @return the policy
     * @throws CorsConfigException listing every problem, each with its property, value, reason and fix
     */
    public static CorsPolicy compile(CorsConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("A CorsConfig is required");
        }
        ConfigValidator valid = new ConfigValidator(config);
        if (!valid.problems.isEmpty()) {
            throw new CorsConfigException(valid.problems);
        }
        return new CorsPolicy(config, valid);
    }

    /**
     * The version of the Public Suffix List that origin wildcards are checked against (wildcards over a public
     * suffix are refused), such as {@code 2026-10-06_16-13-12_UTC}.
     */
    public static String publicSuffixListVersion() {
        return PublicSuffixList.get().version();
    }

    /** The configuration this policy was compiled from. */
    public CorsConfig config() {
        return this.config;
    }

    /**
     * The candidate compiled beside this policy ({@link CorsConfig#candidate()}), whose decisions are compared with
     * this policy's and never applied, or {@code null}.
     */
    public CorsPolicy candidate() {
        return this.candidate;
    }

    /**
     * Decides what to do with a request. Never throws for any request content: malformed or hostile values are
     * refused with a reason.
     *
     * @param request a read-only view of the request
     * @return the decision, often a shared instance
     */
    public CorsDecision evaluate(CorsRequest request) {
        // Fetch, "CORS protocol": a request with Origin is a preflight (OPTIONS with Access-Control-Request-Method)
        // or an actual request; a WebSocket handshake, which CORS does not cover, is judged by origin only.
        String origin = request.header(ORIGIN);
        if (origin == null) {
            return this.protection ? withoutOrigin(request) : this.notCors;
        }
        String requestMethod = request.method();
        if (this.webSocketHandshakes && isHandshake(requestMethod, request)) {
            return handshake(request, origin);
        }
        String method = "OPTIONS".equals(requestMethod) ? request.header(ACCESS_CONTROL_REQUEST_METHOD)
                : null;
        if (request.isRepeated(ORIGIN)) {
            // A browser sends exactly one Origin line; several are no serialized origin. Only a static '*'
            // answer, which never depends on Origin, stays as it is for an actual request.
            if (method != null) {
                return this.preflightSeveralOrigins;
            }
            if (this.anyOrigin) {
                return this.anyOriginActual;
            }
            return this.protection ? refusedActual(request, origin, Origins.INVALID,
                    this.actualStoppedSeveralOrigins) : this.actualSeveralOrigins;
        }
        if (method != null) {
            return preflight(request, origin, method);
        }
        return actual(request, origin);
    }

    /**
     * A request without {@code Origin}: not a CORS request, unless a browser says it sent it from another site with
     * an unsafe method (Fetch Metadata), which only a page elsewhere makes it do.
     */
    private CorsDecision withoutOrigin(CorsRequest request) {
        if (BrowserRules.isSafeMethod(request.method())) {
            return this.notCors;
        }
        String site = request.header(SEC_FETCH_SITE);
        if ("cross-site".equals(site) || "same-site".equals(site)) {
            return this.crossSiteWithoutOrigin;
        }
        return this.notCors;
    }

    /**
     * An actual request whose origin the policy refuses: refused with 403 before the application runs when it is
     * cross-origin, else passed on without CORS headers. The browser's own word ({@code Sec-Fetch-Site}) settles
     * whether it is; without it, the origin is compared with the request's own. Allocates nothing.
     *
     * @param parsed the origin as {@link Origins#parse} read it, or {@link Origins#INVALID}
     * @param stopped the decision when it is refused
     */
    private CorsDecision refusedActual(CorsRequest request, String origin, long parsed, CorsDecision stopped) {
        if (!this.webSocketHandshakes && isHandshake(request.method(), request)) {
            // Handshakes are left to the application's own checks (app.cors.websocket.enabled=false).
            return this.actualRefusedOrigin;
        }
        if (parsed != Origins.INVALID
                && (this.sendOnlyOrigins.contains(origin) || this.sendOnlyPatterns.matches(origin, parsed))) {
            return this.actualSendOnly;
        }
        String site = request.header(SEC_FETCH_SITE);
        if ("same-origin".equals(site) || "none".equals(site)) {
            return this.actualSameOrigin;
        }
        if (site == null && parsed != Origins.INVALID && Origins.isSameOrigin(origin, parsed, request)) {
            return this.actualSameOrigin;
        }
        if (BrowserRules.isSafeMethod(request.method()) && "navigate".equals(request.header(SEC_FETCH_MODE))) {
            return this.actualNavigation;
        }
        return stopped;
    }

    private static boolean isHandshake(String method, CorsRequest request) {
        if ("GET".equals(method)) {
            // RFC 6455, 4.2.1: the Upgrade header field includes the token "websocket", compared case-insensitively.
            String upgrade = request.header(UPGRADE);
            return upgrade != null && HttpLists.containsToken(upgrade, "websocket");
        }
        // RFC 8441: over HTTP/2 a WebSocket opens with an extended CONNECT (:protocol websocket), which Spring's
        // handshake handlers accept as they accept GET. A browser sends CONNECT for nothing else (Fetch forbids it
        // to scripts), so any CONNECT with an Origin is judged as a handshake, whether or not the server shows
        // :protocol.
        return "CONNECT".equals(method);
    }

    /**
     * A WebSocket handshake, judged by the origin alone. Unlike an actual request under '*', a handshake from a
     * malformed, {@code null} or repeated origin is refused: a socket is not a response the browser guards.
     */
    private CorsDecision handshake(CorsRequest request, String origin) {
        if (request.isRepeated(ORIGIN)) {
            return this.handshakeSeveralOrigins;
        }
        if (this.exactOrigins.containsKey(origin)) {
            return this.handshakeAllowed.withDetail(origin);
        }
        long parsed = Origins.parse(origin);
        if (parsed == Origins.INVALID) {
            return this.handshakeMalformedOrigin;
        }
        if (this.anyOrigin || this.patterns.matches(origin, parsed) || checkOrigin(origin)) {
            return this.handshakeAllowed.withDetail(origin);
        }
        if (Origins.isSameOrigin(origin, parsed, request)) {
            // A page of the application itself, as Spring's own same-origin check accepts it.
            return this.handshakeSameOrigin.withDetail(origin);
        }
        return this.handshakeRefusedOrigin;
    }

    private CorsDecision handshakeRefusal(String reason) {
        return decision(Kind.WEBSOCKET, Refusal.ORIGIN, 403, CorsDecision.NO_HEADERS, this.actualVary, reason,
                null);
    }

    private CorsDecision actual(CorsRequest request, String origin) {
        ExactOrigin exact = this.exactOrigins.get(origin);
        if (exact != null) {
            return exact.actual(this);
        }
        if (this.anyOrigin) {
            return this.anyOriginActual;
        }
        long parsed = Origins.parse(origin);
        if (parsed == Origins.INVALID) {
            return this.protection ? refusedActual(request, origin, parsed,
                    this.actualStoppedMalformedOrigin) : this.actualMalformedOrigin;
        }
        if (this.patterns.matches(origin, parsed) || checkOrigin(origin)) {
            return actualAllowed(origin);
        }
        return this.protection ? refusedActual(request, origin, parsed, this.actualStoppedOrigin)
                : this.actualRefusedOrigin;
    }

    private boolean checkOrigin(String origin) {
        return this.originCheck != null && this.originCheck.isAllowed(origin);
    }

    private CorsDecision actualAllowed(String allowOrigin) {
        String[] headers = this.actualHeaders.clone();
        headers[1] = allowOrigin;
        if ("*".equals(allowOrigin)) {
            return decision(Kind.ACTUAL, null, 0, headers, this.actualVary,
                    "Any origin is allowed (allowed-origins '*' without credentials): CORS headers are added and"
                            + " the request is passed on.", null);
        }
        return decision(Kind.ACTUAL, null, 0, headers, this.actualVary,
                "Origin '{}' is allowed: CORS headers are added and the request is passed on.", allowOrigin);
    }

    private CorsDecision preflight(CorsRequest request, String origin, String method) {
        ExactOrigin exact = this.exactOrigins.get(origin);
        String allowOrigin;
        if (exact != null) {
            allowOrigin = origin;
        }
        else if (this.anyOrigin) {
            allowOrigin = "*";
        }
        else {
            long parsed = Origins.parse(origin);
            if (parsed == Origins.INVALID) {
                return this.preflightMalformedOrigin;
            }
            if (!this.patterns.matches(origin, parsed) && !checkOrigin(origin)) {
                return this.preflightRefusedOrigin;
            }
            allowOrigin = origin;
        }

        if (!isAllowedMethod(method)) {
            return refusedMethod(method).withDetail(method);
        }

        CorsDecision scan = scanRequestHeaders(request);
        if (scan != null && scan != NO_HEADERS_REQUESTED) {
            return scan;
        }
        boolean headersRequested = scan == null;
        boolean privateNetworkAnswer = this.privateNetwork
                && "true".equals(request.header(ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK));
        boolean echoMethod = this.allowMethods == null;
        boolean echoHeaders = this.allowHeaders == null && headersRequested;
        if (exact != null && !echoMethod && !echoHeaders) {
            return exact.preflight(this, headersRequested, privateNetworkAnswer);
        }
        return preflightAllowed(allowOrigin, echoMethod ? method : this.allowMethods,
                headersRequested ? (echoHeaders ? echoRequestHeaders(request) : this.allowHeaders) : null,
                privateNetworkAnswer, origin);
    }

    /**
     * Every check a request fails, not only the first, in the Fetch order: for a report that names them all at once,
     * so that fixing one is not the way to learn the next. Empty when the policy allows the request.
     *
     * @param request the request
     * @return the refusals: the decision itself, then a preflight's method and header refusals beyond it
     */
    List<CorsDecision> refusals(CorsRequest request) {
        CorsDecision decision = evaluate(request);
        if (decision.refusal() == null) {
            return List.of();
        }
        List<CorsDecision> refusals = new ArrayList<>(3);
        refusals.add(decision);
        if (decision.kind() != Kind.PREFLIGHT) {
            return refusals;
        }
        String method = request.header(ACCESS_CONTROL_REQUEST_METHOD);
        if (decision.refusal() == Refusal.ORIGIN && method != null && !isAllowedMethod(method)) {
            refusals.add(refusedMethod(method).withDetail(method));
        }
        if (decision.refusal() != Refusal.HEADERS) {
            CorsDecision headers = scanRequestHeaders(request);
            if (headers != null && headers != NO_HEADERS_REQUESTED) {
                refusals.add(headers);
            }
        }
        return refusals;
    }

    /**
     * Whether a preflight asking for this method would pass its method check: what a browser asked before it sent
     * an actual request with the method ({@link CorsDifference}).
     */
    boolean allowsMethod(String method) {
        return isAllowedMethod(method);
    }

    /**
     * Whether a preflight asking for this request header would pass its header check; allocates nothing.
     *
     * @param name the header name, in any case
     */
    boolean allowsRequestHeader(String name) {
        int length = name.length();
        for (int i = 0; i < length; i++) {
            if (!HttpLists.isTchar(name.charAt(i))) {
                return false;
            }
        }
        if (this.headers.get(name, 0, length) != null) {
            return true;
        }
        return this.anyHeader && !BrowserRules.isNonWildcardRequestHeader(name);
    }

    /** The refusal of a method the policy does not allow, whose words fit what is wrong with it. */
    private CorsDecision refusedMethod(String method) {
        if (BrowserRules.isForbiddenMethod(method)) {
            return this.preflightForbiddenMethod;
        }
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (c >= 'a' && c <= 'z') {
                return this.preflightRefusedMethodCase;
            }
        }
        return this.preflightRefusedMethod;
    }

    private boolean isAllowedMethod(String method) {
        // Fetch: the browser never asks about CORS-safelisted methods, and compares methods byte for byte.
        if (BrowserRules.isSafelistedMethod(method)) {
            return true;
        }
        if (this.methods.contains(method)) {
            // Listed methods were checked at startup: tokens, none forbidden.
            return true;
        }
        if (BrowserRules.isForbiddenMethod(method)) {
            return false;
        }
        return this.anyMethod;
    }

    CorsDecision preflightAllowed(String allowOrigin, String allowMethods, String allowHeaders,
            boolean privateNetworkAnswer, String origin) {
        String[] headers = new String[14];
        int n = 0;
        headers[n++] = ACCESS_CONTROL_ALLOW_ORIGIN;
        headers[n++] = allowOrigin;
        if (this.credentials) {
            headers[n++] = ACCESS_CONTROL_ALLOW_CREDENTIALS;
            headers[n++] = "true";
        }
        headers[n++] = ACCESS_CONTROL_ALLOW_METHODS;
        headers[n++] = allowMethods;
        if (allowHeaders != null) {
            headers[n++] = ACCESS_CONTROL_ALLOW_HEADERS;
            headers[n++] = allowHeaders;
        }
        if (this.maxAge != null) {
            headers[n++] = ACCESS_CONTROL_MAX_AGE;
            headers[n++] = this.maxAge;
        }
        if (privateNetworkAnswer) {
            headers[n++] = ACCESS_CONTROL_ALLOW_PRIVATE_NETWORK;
            headers[n++] = "true";
        }
        String[] exact = new String[n];
        System.arraycopy(headers, 0, exact, 0, n);
        return decision(Kind.PREFLIGHT, null, this.preflightStatus, exact, this.preflightVary,
                (this.preflightStatus != 0)
                        ? "Preflight from '{}' is allowed: its origin, method and headers are all allowed."
                        : "Preflight from '{}' is allowed; CORS headers are added and it is passed on"
                                + " (preflight-passthrough).",
                origin);
    }

    /** A decision of this policy: in shadow mode, one the adapter only compares. */
    private CorsDecision decision(Kind kind, Refusal refusal, int status, String[] headers, String vary,
            String reason, String detail) {
        return new CorsDecision(kind, refusal, status, headers, vary, reason, detail, this.shadow, this);
    }

    /** A refused cross-origin actual request, answered with 403: never shown to the application. */
    private CorsDecision stopped(String reason) {
        return decision(Kind.ACTUAL, Refusal.ORIGIN, 403, CorsDecision.NO_HEADERS, this.actualVary, reason + STOPPED,
                null);
    }

    private CorsDecision refusal(Kind kind, Refusal refusal, String vary, String reason) {
        int status = (kind == Kind.PREFLIGHT && this.preflightStatus != 0) ? 403 : 0;
        return decision(kind, refusal, status, CorsDecision.NO_HEADERS, vary, reason, null);
    }

    private static String join(String first, Set<String> rest) {
        if (rest.isEmpty()) {
            return first;
        }
        return first + "," + String.join(",", rest);
    }

    /**
     * Checks every name of {@code Access-Control-Request-Headers}, over all its lines, with bounded work, and
     * allocates nothing unless it refuses: the refusal, {@code null} when every name is allowed and there is at
     * least one, or {@link #NO_HEADERS_REQUESTED} when there is none. The usual single line is read as a header, not
     * as a list of lines (which a server builds for the asking), and is first compared with the lines a browser
     * sends for the allowed headers.
     */
    private CorsDecision scanRequestHeaders(CorsRequest request) {
        String first = request.header(ACCESS_CONTROL_REQUEST_HEADERS);
        // Without a first line the lines are read all the same, as they always were: a view may list lines that its
        // header() does not show.
        boolean single = first != null && !request.isRepeated(ACCESS_CONTROL_REQUEST_HEADERS);
        if (single && isBrowserLine(first)) {
            return null;
        }
        int names = 0;
        int bytes = 0;
        int empty = 0;
        // Several lines: a list is read by index, so that it costs no iterator.
        Iterable<String> lines = single ? null : requestHeaderLines(request);
        List<String> list = (lines instanceof List<String> l && lines instanceof RandomAccess) ? l : null;
        Iterator<String> iterator = (lines != null && list == null) ? lines.iterator() : null;
        int index = 0;
        while (true) {
            String line;
            if (lines == null) {
                if (index++ > 0) {
                    break;
                }
                line = first;
            }
            else if (list != null) {
                if (index >= list.size()) {
                    break;
                }
                line = list.get(index++);
            }
            else {
                if (!iterator.hasNext()) {
                    break;
                }
                line = iterator.next();
            }
            if (line == null) {
                continue;
            }
            bytes += line.length() + 1;
            if (bytes > MAX_REQUEST_HEADERS_BYTES) {
                return this.preflightTooManyHeaders.withDetail("more than " + MAX_REQUEST_HEADERS_BYTES + " bytes");
            }
            int length = line.length();
            int start = 0;
            while (start <= length) {
                int end = start;
                while (end < length && line.charAt(end) != ',') {
                    end++;
                }
                int from = start;
                int to = end;
                while (from < to && HttpLists.isOws(line.charAt(from))) {
                    from++;
                }
                while (to > from && HttpLists.isOws(line.charAt(to - 1))) {
                    to--;
                }
                if (from == to) {
                    // Empty list elements are legal (RFC 9110, 5.6.1) but never sent by browsers: tolerate a few.
                    if (length > 0 && ++empty > MAX_EMPTY_ELEMENTS) {
                        return this.preflightTooManyHeaders.withDetail("more than " + MAX_EMPTY_ELEMENTS
                                + " empty elements");
                    }
                }
                else {
                    if (++names > MAX_REQUEST_HEADER_NAMES) {
                        return this.preflightTooManyHeaders.withDetail("more than " + MAX_REQUEST_HEADER_NAMES
                                + " names");
                    }
                    CorsDecision refused = checkHeaderName(line, from, to);
                    if (refused != null) {
                        return refused;
                    }
                }
                start = end + 1;
            }
        }
        return (names == 0) ? NO_HEADERS_REQUESTED : null;
    }

    /** Whether a single {@code Access-Control-Request-Headers} line is one a browser sends for allowed headers. */
    private boolean isBrowserLine(String line) {
        String[][] byLength = this.browserLines;
        int length = line.length();
        if (byLength == null || length >= byLength.length) {
            return false;
        }
        String[] candidates = byLength[length];
        if (candidates != null) {
            for (String candidate : candidates) {
                if (candidate.equals(line)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Every non-empty subset of the allowed headers as a browser writes it in {@code Access-Control-Request-Headers}
     * (Fetch, "CORS-unsafe request-header names": byte-lowercased, sorted, joined by {@code ","}), by length.
     *
     * @param headers the allowed header names, in lower case
     * @return the lines, or {@code null} when there are none or too many
     */
    private static String[][] browserLines(Set<String> headers) {
        if (headers.isEmpty() || headers.size() > MAX_BROWSER_LINE_NAMES) {
            return null;
        }
        String[] sorted = headers.stream().sorted().toArray(String[]::new);
        List<String> lines = new ArrayList<>();
        int longest = 0;
        for (int subset = 1; subset < (1 << sorted.length); subset++) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < sorted.length; i++) {
                if ((subset & (1 << i)) != 0) {
                    line.append((line.length() > 0) ? "," : "").append(sorted[i]);
                }
            }
            lines.add(line.toString());
            longest = Math.max(longest, line.length());
        }
        String[][] byLength = new String[longest + 1][];
        for (String line : lines) {
            String[] same = byLength[line.length()];
            String[] grown = (same != null) ? Arrays.copyOf(same, same.length + 1) : new String[1];
            grown[grown.length - 1] = line;
            byLength[line.length()] = grown;
        }
        return byLength;
    }

    /** The lines of {@code Access-Control-Request-Headers}; a view that answers {@code null} has none. */
    private static Iterable<String> requestHeaderLines(CorsRequest request) {
        Iterable<String> lines = request.headers(ACCESS_CONTROL_REQUEST_HEADERS);
        return (lines != null) ? lines : List.of();
    }

    private CorsDecision checkHeaderName(String line, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!HttpLists.isTchar(line.charAt(i))) {
                return this.preflightInvalidHeader.withDetail(line.substring(from, to));
            }
        }
        if (this.headers.get(line, from, to) != null) {
            return null;
        }
        if (this.anyHeader) {
            if (BrowserRules.isNonWildcardRequestHeader(line, from, to)) {
                return this.preflightAuthorizationNotCovered.withDetail(line.substring(from, to));
            }
            return null;
        }
        return this.preflightRefusedHeader.withDetail(line.substring(from, to));
    }

    @Override
    public String toString() {
        return "CorsPolicy" + this.config.toString().substring("CorsConfig".length());
    }

    /** The requested names, lower-cased and comma-separated, for echoing when {@code *} is literal. */
    private static String echoRequestHeaders(CorsRequest request) {
        StringBuilder echo = new StringBuilder();
        Set<String> seen = new HashSet<>();
        for (String line : requestHeaderLines(request)) {
            if (line == null) {
                continue;
            }
            for (String element : line.split(",", -1)) {
                String name = HttpLists.toLowerAscii(element.strip());
                if (!name.isEmpty() && seen.add(name)) {
                    echo.append((echo.length() > 0) ? "," : "").append(name);
                }
            }
        }
        return echo.toString();
    }

    /**
     * An exact allowed origin with its request-independent answers, computed on first use: a policy of 100,000
     * origins (an origin source's) holds little more than their names until they call.
     */
    private static final class ExactOrigin {

        final String origin;

        // Racy but benign: decisions are immutable and safely published through their final fields.
        private CorsDecision actual;

        // Indexed by (headers requested ? 1 : 0) + (private network answered ? 2 : 0), created on the first preflight.
        private CorsDecision[] preflights;

        ExactOrigin(String origin) {
            this.origin = origin;
        }

        CorsDecision actual(CorsPolicy policy) {
            CorsDecision decision = this.actual;
            if (decision == null) {
                decision = policy.actualAllowed(this.origin);
                this.actual = decision;
            }
            return decision;
        }

        CorsDecision preflight(CorsPolicy policy, boolean headersRequested, boolean privateNetwork) {
            int index = (headersRequested ? 1 : 0) + (privateNetwork ? 2 : 0);
            CorsDecision[] preflights = this.preflights;
            if (preflights == null) {
                preflights = new CorsDecision[4];
                this.preflights = preflights;
            }
            CorsDecision decision = preflights[index];
            if (decision == null) {
                decision = policy.preflightAllowed(this.origin, policy.allowMethods,
                        headersRequested ? policy.allowHeaders : null, privateNetwork, this.origin);
                preflights[index] = decision;
            }
            return decision;
        }

    }

}
