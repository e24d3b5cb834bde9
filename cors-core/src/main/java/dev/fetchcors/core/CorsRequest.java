package dev.fetchcors.core;

import java.util.Collections;
import java.util.Iterator;

/**
 * A read-only view of an HTTP request: the only thing {@link CorsPolicy#evaluate} needs to see.
 *
 * <pre>{@code
 * CorsRequest view = new CorsRequest() {
 *     public String method() { return servletRequest.getMethod(); }
 *     public String header(String name) { return servletRequest.getHeader(name); }
 *     public Iterable<String> headers(String name) {
 *         return () -> servletRequest.getHeaders(name).asIterator();
 *     }
 * };
 * CorsDecision decision = policy.evaluate(view);
 * }</pre>
 *
 * <p>Web adapters implement it over their own request type, so the engine never copies headers. Header names
 * are given in their usual capitalisation ({@code Origin}, {@code Access-Control-Request-Method}); the
 * implementation looks them up case-insensitively, as HTTP requires.
 */
public interface CorsRequest {

    /** The request method, exactly as received (methods are case-sensitive). */
    String method();

    /**
     * The first value of the named header, or {@code null} when the request has none.
     *
     * @param name a header name, matched case-insensitively
     */
    String header(String name);

    /**
     * Every value of the named header, one per header line, in the order received; empty when absent. Only
     * read for headers that may legitimately span several lines ({@code Access-Control-Request-Headers}), when
     * {@link #isRepeated(String)} says they do or {@link #header(String)} finds none (a single line is read with
     * {@link #header(String)}), and possibly iterated more than once, so return a view that can be (not a one-shot
     * iterator).
     *
     * @param name a header name, matched case-insensitively
     */
    default Iterable<String> headers(String name) {
        String value = header(name);
        return (value != null) ? Collections.singletonList(value) : Collections.emptyList();
    }

    /**
     * Whether the named header appears on more than one line. Asked of {@code Origin} on CORS requests (a browser
     * sends exactly one line) and of {@code Access-Control-Request-Headers} on preflights that have it (a browser
     * sends one line, which is then read as a header, without a list of lines); the default counts the lines of
     * {@link #headers(String)}, and an adapter that can tell without allocating may answer directly.
     *
     * @param name a header name, matched case-insensitively
     */
    default boolean isRepeated(String name) {
        Iterable<String> lines = headers(name);
        if (lines == null) {
            return false;
        }
        Iterator<String> iterator = lines.iterator();
        if (!iterator.hasNext()) {
            return false;
        }
        iterator.next();
        return iterator.hasNext();
    }

    /**
     * The origin of the resource the request targets, as the server sees it: {@code scheme://host[:port]} from the
     * request's scheme, host and port, after whatever forwarded headers the application trusts (a default port and
     * upper case are fine), or {@code null} when the adapter cannot tell. Read only for WebSocket handshakes: one
     * whose {@code Origin} is this origin comes from a page of the application itself and is accepted, as Spring's
     * own same-origin check accepts it. Never used to allow a CORS response: a forged {@code Host} must not earn an
     * {@code Access-Control-Allow-Origin}.
     */
    default String targetOrigin() {
        return null;
    }

    /**
     * The scheme of {@link #targetOrigin()} ({@code http} or {@code https}, in any case), or {@code null} when the
     * adapter cannot tell. With {@link #targetHost()} and {@link #targetPort()}, it lets the engine compare an
     * {@code Origin} with the request's own origin without building a string: adapters that know them answer
     * directly; the defaults read {@link #targetOrigin()}.
     */
    default String targetScheme() {
        String target = targetOrigin();
        int end = (target != null) ? target.indexOf("://") : -1;
        return (end > 0) ? target.substring(0, end) : null;
    }

    /**
     * The host of {@link #targetOrigin()}, in any case, an IPv6 address with or without its brackets; {@code null}
     * when the adapter cannot tell.
     */
    default String targetHost() {
        String target = targetOrigin();
        int start = (target != null) ? target.indexOf("://") : -1;
        if (start < 0) {
            return null;
        }
        start += 3;
        int end = target.startsWith("[", start) ? target.indexOf(']', start) + 1 : target.indexOf(':', start);
        return target.substring(start, (end > start) ? end : target.length());
    }

    /** The port of {@link #targetOrigin()}, or -1 for the scheme's default (or when the adapter cannot tell). */
    default int targetPort() {
        String target = targetOrigin();
        String host = targetHost();
        if (target == null || host == null) {
            return -1;
        }
        int colon = target.indexOf(host) + host.length();
        if (colon >= target.length() || target.charAt(colon) != ':') {
            return -1;
        }
        try {
            return Integer.parseInt(target.substring(colon + 1));
        }
        catch (NumberFormatException ex) {
            return -1;
        }
    }

}
