package dev.fetchcors.core;

import java.util.List;

/**
 * The names of the CORS protocol's headers, written once for the engine, the web adapters, a gateway's guard and
 * the tests, spelled as the engine writes them.
 *
 * <pre>{@code
 * for (String name : CorsHeaders.RESPONSE_HEADERS) {
 *     response.removeHeader(name);               // a gateway that alone answers CORS
 * }
 * CorsHeaders.isResponseHeader("access-control-allow-origin");   // true, whatever the case
 * }</pre>
 *
 * @see <a href="https://fetch.spec.whatwg.org/#http-cors-protocol">Fetch, "CORS protocol"</a>
 */
public final class CorsHeaders {

    /** The request's origin: its presence makes a request a CORS request. */
    public static final String ORIGIN = "Origin";

    /** A preflight's method of the request it asks about. */
    public static final String ACCESS_CONTROL_REQUEST_METHOD = "Access-Control-Request-Method";

    /** A preflight's comma-separated, lower-case names of the request headers it asks about. */
    public static final String ACCESS_CONTROL_REQUEST_HEADERS = "Access-Control-Request-Headers";

    /** A Private Network Access preflight's question (legacy Chromium protocol). */
    public static final String ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK = "Access-Control-Request-Private-Network";

    /** The origin that may read the response, or {@code *}. */
    public static final String ACCESS_CONTROL_ALLOW_ORIGIN = "Access-Control-Allow-Origin";

    /** {@code true} when a credentialed request may read the response. */
    public static final String ACCESS_CONTROL_ALLOW_CREDENTIALS = "Access-Control-Allow-Credentials";

    /** A preflight's answer: the methods allowed. */
    public static final String ACCESS_CONTROL_ALLOW_METHODS = "Access-Control-Allow-Methods";

    /** A preflight's answer: the request headers allowed. */
    public static final String ACCESS_CONTROL_ALLOW_HEADERS = "Access-Control-Allow-Headers";

    /** A preflight's answer: how many seconds the browser may cache it. */
    public static final String ACCESS_CONTROL_MAX_AGE = "Access-Control-Max-Age";

    /** The response headers, beyond the safelisted ones, that a script may read. */
    public static final String ACCESS_CONTROL_EXPOSE_HEADERS = "Access-Control-Expose-Headers";

    /** A Private Network Access preflight's answer (legacy Chromium protocol). */
    public static final String ACCESS_CONTROL_ALLOW_PRIVATE_NETWORK = "Access-Control-Allow-Private-Network";

    /** The request headers a cache must key a CORS answer on. */
    public static final String VARY = "Vary";

    /** {@code websocket} in it, on a {@code GET}, makes a WebSocket handshake (RFC 6455). */
    public static final String UPGRADE = "Upgrade";

    /** Every response header of the CORS protocol, in the order the engine writes them ({@code Vary} aside). */
    public static final List<String> RESPONSE_HEADERS = List.of(ACCESS_CONTROL_ALLOW_ORIGIN,
            ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_HEADERS,
            ACCESS_CONTROL_MAX_AGE, ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_ALLOW_PRIVATE_NETWORK);

    /** Every request header of the CORS protocol: {@code Origin} and the preflight's questions. */
    public static final List<String> REQUEST_HEADERS = List.of(ORIGIN, ACCESS_CONTROL_REQUEST_METHOD,
            ACCESS_CONTROL_REQUEST_HEADERS, ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK);

    private static final String RESPONSE_PREFIX = "access-control-";

    private static final String REQUEST_PREFIX = "access-control-request-";

    private CorsHeaders() {
    }

    /**
     * Whether a response header belongs to the CORS protocol: {@code Access-Control-*} in any case, including
     * names the protocol may add later, which only a CORS implementation writes.
     *
     * @param name a header name
     * @return {@code true} for {@code Access-Control-*}
     */
    public static boolean isResponseHeader(String name) {
        return name.regionMatches(true, 0, RESPONSE_PREFIX, 0, RESPONSE_PREFIX.length());
    }

    /**
     * Whether a request header belongs to the CORS protocol: {@code Origin} or {@code Access-Control-Request-*}, in
     * any case.
     *
     * @param name a header name
     * @return {@code true} for the request headers of the protocol
     */
    public static boolean isRequestHeader(String name) {
        return name.equalsIgnoreCase(ORIGIN) || name.regionMatches(true, 0, REQUEST_PREFIX, 0, REQUEST_PREFIX.length());
    }

    /**
     * One {@code Vary} line for a response that must have a single one (a gateway's, merging a service's
     * {@code Vary} with its own): the tokens of every line, each once in the order met, followed by those of
     * {@code tokens} it lacks; {@code *} alone when any line says {@code *}. {@link CorsDecision#mergeVary} keeps
     * the lines as they are instead; both merge in one place.
     *
     * @param lines the response's {@code Vary} lines, possibly {@code null} or empty
     * @param tokens comma-separated tokens to add, or {@code null}
     * @return the line, or {@code null} when there is no token at all
     */
    public static String oneVaryLine(Iterable<String> lines, String tokens) {
        return HttpLists.mergeTokens(lines, tokens, true);
    }

}
