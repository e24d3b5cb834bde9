package dev.fetchcors.core;

import java.util.Iterator;
import java.util.List;

/**
 * A response as a browser's CORS checks read it: its status and its headers. Web adapters implement it over the
 * response the application actually sent, to compare it with the policy's own answer in shadow mode
 * ({@link CorsDifference#between}); a {@link CorsDecision} is one too, for a candidate policy compared with the
 * enforced one.
 *
 * <pre>{@code
 * CorsAnswer sent = new CorsAnswer() {
 *     public int status() { return servletResponse.getStatus(); }
 *     public String header(String name) { return servletResponse.getHeader(name); }
 * };
 * }</pre>
 */
public interface CorsAnswer {

    /**
     * The status, or 0 when the request is passed on to the application, whose status is not known here (a
     * decision's, for a request it does not answer).
     */
    int status();

    /**
     * The first value of the named header, or {@code null}.
     *
     * @param name a header name, matched case-insensitively
     */
    String header(String name);

    /**
     * Every value of the named header, one per line; read only for {@code Vary}, and only when its first line does
     * not settle the question. The default has the first line alone.
     *
     * @param name a header name, matched case-insensitively
     */
    default Iterable<String> headers(String name) {
        String value = header(name);
        return (value != null) ? List.of(value) : List.of();
    }

    /**
     * Whether the named header is on more than one line: asked of {@code Access-Control-Allow-Origin} when its first
     * line would allow the request (a browser reads several lines as one value, which matches no origin). The
     * default counts the lines of {@link #headers(String)}; an adapter that can tell without allocating may answer
     * directly.
     *
     * @param name a header name, matched case-insensitively
     */
    default boolean isRepeated(String name) {
        Iterator<String> lines = headers(name).iterator();
        if (!lines.hasNext()) {
            return false;
        }
        lines.next();
        return lines.hasNext();
    }

}
