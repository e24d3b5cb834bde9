package dev.fetchcors.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to do with one request: the immutable answer of {@link CorsPolicy#evaluate(CorsRequest)}. An adapter
 * applies it without deciding anything itself:
 *
 * <pre>{@code
 * CorsDecision decision = policy.evaluate(view);
 * for (int i = 0; i < decision.headerCount(); i++) {
 *     response.setHeader(decision.headerName(i), decision.headerValue(i));
 * }
 * if (decision.vary() != null) {
 *     String merged = CorsDecision.mergeVary(response.getHeaders("Vary"), decision.vary());
 *     if (merged != null) {
 *         response.setHeader("Vary", merged);
 *     }
 * }
 * if (decision.isAnswered()) {
 *     response.setStatus(decision.status());   // the preflight ends here, with an empty body
 *     return;
 * }
 * chain.doFilter(request, response);
 * }</pre>
 *
 * <p>Headers are to be <em>set</em> (replacing any earlier value), never added, so that applying a decision twice
 * (for example on an error dispatch) writes each header once. {@code Vary} is the exception: its tokens are merged
 * into what the response already has, see {@link #mergeVary(Iterable, String)}.
 */
public final class CorsDecision implements CorsAnswer {

    /** How the request takes part in the CORS protocol. */
    public enum Kind {

        /** No {@code Origin} header: not a CORS request. */
        NOT_CORS,

        /** {@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}. */
        PREFLIGHT,

        /** Any other request with an {@code Origin} header. */
        ACTUAL,

        /**
         * {@code GET} with {@code Upgrade: websocket} and {@code Origin}, or an HTTP/2 extended {@code CONNECT} with
         * {@code Origin}: a WebSocket handshake. Browsers apply no CORS to WebSocket, so it is judged by the allowed
         * origins alone (and accepted from the application's own origin), and answered 403 when refused.
         */
        WEBSOCKET

    }

    /** Why a CORS request was not allowed, in the order of the Fetch standard's checks. */
    public enum Refusal {

        /** The origin is malformed, {@code null}, repeated, or matches no allowed origin. */
        ORIGIN,

        /** The preflight asked for a method that is not allowed. */
        METHOD,

        /** The preflight asked for a request header that is not allowed, or for too many. */
        HEADERS

    }

    static final String[] NO_HEADERS = new String[0];

    private static final int MAX_DETAIL_LENGTH = 300;

    private final Kind kind;

    private final Refusal refusal;

    private final int status;

    private final String[] headers;

    private final String vary;

    private final String reason;

    private final String detail;

    private final boolean shadow;

    /** The policy that made this decision, or {@code null} for a marker the engine never returns. */
    private final CorsPolicy policy;

    CorsDecision(Kind kind, Refusal refusal, int status, String[] headers, String vary, String reason,
            String detail) {
        this(kind, refusal, status, headers, vary, reason, detail, false, null);
    }

    CorsDecision(Kind kind, Refusal refusal, int status, String[] headers, String vary, String reason,
            String detail, boolean shadow, CorsPolicy policy) {
        this.kind = kind;
        this.refusal = refusal;
        this.status = status;
        this.headers = headers;
        this.vary = vary;
        this.reason = reason;
        this.detail = detail;
        this.shadow = shadow;
        this.policy = policy;
    }

    /** The policy that made this decision, or {@code null}. */
    CorsPolicy policy() {
        return this.policy;
    }

    /** The names and values to set, alternating; shared, never to be modified. */
    String[] headersArray() {
        return this.headers;
    }

    /** A copy of this decision naming the offending request value, for {@link #reason()}. */
    CorsDecision withDetail(String detail) {
        return new CorsDecision(this.kind, this.refusal, this.status, this.headers, this.vary, this.reason, detail,
                this.shadow, this.policy);
    }

    /**
     * Whether the decision was made in shadow mode ({@link CorsConfig.Mode#SHADOW}): the adapter then writes nothing,
     * answers nothing and refuses nothing, and compares the answer the application sends with this one
     * ({@link CorsDifference#between}).
     */
    public boolean isShadow() {
        return this.shadow;
    }

    /** Whether the request is a preflight, an actual CORS request, or not a CORS request. */
    public Kind kind() {
        return this.kind;
    }

    /** Whether the origin (and for a preflight the method and headers) is allowed; {@code false} if not CORS. */
    public boolean isAllowed() {
        return this.kind != Kind.NOT_CORS && this.refusal == null;
    }

    /** Why the request was refused, or {@code null} when it was allowed or is not a CORS request. */
    public Refusal refusal() {
        return this.refusal;
    }

    /**
     * Whether the adapter answers the request itself, with {@link #status()} and an empty body, instead of passing
     * it on to the application. True for preflights (unless passthrough is configured) and for refused WebSocket
     * handshakes.
     */
    public boolean isAnswered() {
        return this.status != 0;
    }

    /** The status to answer with when {@link #isAnswered()}, else 0. */
    @Override
    public int status() {
        return this.status;
    }

    /**
     * The value this decision sets for a header, {@code Vary} included (its tokens), or {@code null}: the decision
     * read as the answer a browser would get.
     *
     * @param name a header name, matched case-insensitively
     */
    @Override
    public String header(String name) {
        // The names are CorsHeaders' constants, which callers usually pass: found by identity before any
        // case-insensitive comparison, which several of them (all 28 characters long) would make in full.
        for (int i = 0; i < this.headers.length; i += 2) {
            if (this.headers[i] == name) {
                return this.headers[i + 1];
            }
        }
        if (name == CorsHeaders.VARY) {
            return this.vary;
        }
        for (int i = 0; i < this.headers.length; i += 2) {
            if (this.headers[i].equalsIgnoreCase(name)) {
                return this.headers[i + 1];
            }
        }
        return CorsHeaders.VARY.equalsIgnoreCase(name) ? this.vary : null;
    }

    /** A decision sets each header once. */
    @Override
    public boolean isRepeated(String name) {
        return false;
    }

    /** How many headers to set. */
    public int headerCount() {
        return this.headers.length >> 1;
    }

    /**
     * The name of the header at {@code index}.
     *
     * @param index from 0 to {@code headerCount() - 1}
     */
    public String headerName(int index) {
        return this.headers[index << 1];
    }

    /**
     * The value of the header at {@code index}.
     *
     * @param index from 0 to {@code headerCount() - 1}
     */
    public String headerValue(int index) {
        return this.headers[(index << 1) + 1];
    }

    /** The headers to set, by name in the order to write them, {@code Vary} excluded; a new map on each call. */
    Map<String, String> headers() {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < this.headers.length; i += 2) {
            map.put(this.headers[i], this.headers[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * The tokens to merge into the response's {@code Vary} header (for example
     * {@code Origin, Access-Control-Request-Method, Access-Control-Request-Headers}), or {@code null} when the
     * response does not vary with CORS request headers.
     */
    public String vary() {
        return this.vary;
    }

    /**
     * In words a person can act on, why the request was allowed or refused, naming the request value at fault and
     * the property to change.
     */
    public String reason() {
        if (this.detail == null) {
            if (this.refusal == Refusal.ORIGIN && this.reason.contains("{}")) {
                // A refused origin is not copied into the decision, which is shared: reason(request) names it.
                return this.reason.replace("Origin '{}'", "The request's Origin")
                    .replace("{problem}", "it is not a serialized origin");
            }
            return this.reason;
        }
        return render(this.detail);
    }

    /**
     * {@link #reason()} for the request this decision was made for: a refused origin is named too. Decisions that
     * refuse an origin are shared, so that refusing costs no allocation; the origin is read again from the request
     * only when a reason is asked for.
     *
     * @param request the request passed to {@link CorsPolicy#evaluate(CorsRequest)}
     * @return the reason, naming the request value at fault
     */
    public String reason(CorsRequest request) {
        if (this.detail == null && this.refusal == Refusal.ORIGIN && this.reason.contains("{}")) {
            String origin = request.header(CorsHeaders.ORIGIN);
            if (origin != null) {
                return render(origin);
            }
        }
        return reason();
    }

    private String render(String detail) {
        // One pass over the template, so that a request value holding "{}" or "{problem}" is never expanded.
        String template = this.reason;
        StringBuilder out = new StringBuilder(template.length() + 64);
        int i = 0;
        while (i < template.length()) {
            if (template.startsWith("{}", i)) {
                appendForLog(out, detail);
                i += 2;
            }
            else if (template.startsWith("{problem}", i)) {
                appendForLog(out, String.valueOf(Origins.problem(detail)));
                i += 9;
            }
            else {
                out.append(template.charAt(i++));
            }
        }
        return out.toString();
    }

    /**
     * A value from outside (a request header, a row of an origin source) made safe for a log line or a report: at
     * most {@value #MAX_DETAIL_LENGTH} characters, with control and non-ASCII characters escaped ({@code \\u000a})
     * so that a hostile value cannot forge log lines, and its full length named where it was cut.
     *
     * @param value the value
     * @return the value as it may be logged
     */
    public static String forLog(String value) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_DETAIL_LENGTH) + 16);
        appendForLog(out, value);
        return out.toString();
    }

    /**
     * Appends a request value for a log line: at most {@value #MAX_DETAIL_LENGTH} characters, with control and
     * non-ASCII characters escaped so that a hostile value cannot forge log lines.
     */
    static void appendForLog(StringBuilder out, String value) {
        int length = Math.min(value.length(), MAX_DETAIL_LENGTH);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7F) {
                out.append(String.format("\\u%04x", (int) c));
            }
            else {
                out.append(c);
            }
        }
        if (length < value.length()) {
            out.append("...(").append(value.length()).append(" characters)");
        }
    }

    @Override
    public String toString() {
        return "CorsDecision[" + this.kind + ((this.refusal != null) ? ", refused: " + this.refusal : "")
                + ((this.status != 0) ? ", status " + this.status : "") + ", headers " + headers()
                + ((this.vary != null) ? ", Vary: " + this.vary : "") + "]";
    }

    /**
     * Merges {@code Vary} tokens into a response's existing {@code Vary} values, keeping what is there and adding
     * only the tokens it lacks (compared case-insensitively). {@code *} already varies on everything.
     *
     * @param existing the response's current {@code Vary} header lines, possibly empty or {@code null}
     * @param tokens the tokens to add, comma-separated, as returned by {@link #vary()}; {@code null} adds nothing
     * @return the single value to set, or {@code null} when {@code existing} already has every token
     */
    public static String mergeVary(Iterable<String> existing, String tokens) {
        return HttpLists.mergeTokens(existing, tokens, false);
    }

}
