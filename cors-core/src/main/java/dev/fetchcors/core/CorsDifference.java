package dev.fetchcors.core;

import dev.fetchcors.core.CorsConfig.Setting;
import dev.fetchcors.core.CorsDecision.Kind;

import java.util.Iterator;
import java.util.Locale;

/**
 * Where a browser would reach another verdict on a policy's answer than on the answer a request actually got: what
 * shadow mode and candidate policies report ({@link CorsConfig.Mode#SHADOW}, {@link CorsConfig#candidate()}).
 *
 * <p>Both answers are read as the Fetch standard's CORS checks read them: {@code Access-Control-Allow-Origin} and
 * {@code -Credentials} for every CORS request; for a preflight its status, {@code -Allow-Methods},
 * {@code -Allow-Headers} and {@code -Allow-Private-Network} too; a WebSocket handshake is refused by a 403. Where
 * the request does not show whether it carries credentials (a preflight never does; an actual request does when it
 * has a {@code Cookie}), the answers are compared for an anonymous call first and for a credentialed one after.
 *
 * <pre>{@code
 * CorsDifference difference = CorsDifference.between(request, sent, decision);
 * if (difference != null) {
 *     log.warn(difference.describe(request, sent, decision));
 * }
 * }</pre>
 *
 * <p>Instances are shared constants, one per kind, verdict and aspect: comparing two answers that agree, or that
 * differ, allocates nothing; only {@link #describe} builds a text.
 */
public final class CorsDifference {

    /** How a browser's verdict on the policy's answer differs from its verdict on the answer sent. */
    public enum Verdict {

        /** Allowed by the answer sent, refused by the policy's: a client that works today would stop working. */
        WOULD_BREAK,

        /** Refused by the answer sent, allowed by the policy's: an origin shut out today would get in. */
        WOULD_OPEN,

        /**
         * Allowed by both, but the script could read other headers, the call with credentials would fare
         * otherwise, the preflight would be cached for another time, or a shared cache could mix up the answers.
         */
        WOULD_CHANGE;

        /** The verdict in a metric's tag or a property-like word: {@code would-break}, ... */
        public String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

    }

    /** What the two answers differ in, each named by the setting that decides it in the policy. */
    public enum Aspect {

        /** {@code Access-Control-Allow-Origin}, or a WebSocket handshake's origin. */
        ORIGIN(Setting.ALLOWED_ORIGINS),

        /** {@code Access-Control-Allow-Credentials}. */
        CREDENTIALS(Setting.ALLOW_CREDENTIALS),

        /** A preflight's status (a browser needs 2xx). */
        STATUS(Setting.PREFLIGHT_STATUS),

        /** {@code Access-Control-Allow-Private-Network}. */
        PRIVATE_NETWORK(Setting.ALLOW_PRIVATE_NETWORK),

        /** {@code Access-Control-Allow-Methods}. */
        METHOD(Setting.ALLOWED_METHODS),

        /** {@code Access-Control-Allow-Headers}. */
        HEADERS(Setting.ALLOWED_HEADERS),

        /** {@code Access-Control-Expose-Headers}: what the script may read. */
        EXPOSED_HEADERS(Setting.EXPOSED_HEADERS),

        /** {@code Access-Control-Max-Age}: how long the preflight is cached. */
        MAX_AGE(Setting.MAX_AGE),

        /**
         * {@code Vary: Origin}: an answer naming one origin that a shared cache may hand to another. The policy
         * always varies where it must, so no setting decides it.
         */
        VARY(null);

        private final Setting setting;

        Aspect(Setting setting) {
            this.setting = setting;
        }

        /** The setting that decides this aspect, or {@code null} ({@link #VARY}). */
        public Setting setting() {
            return this.setting;
        }

        /** The aspect in a metric's tag: {@code origin}, {@code exposed-headers}, ... */
        public String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

    }

    private static final String COOKIE = "Cookie";

    private static final String CONTENT_TYPE = "Content-Type";

    /** Fetch: "If max-age is failure or null, then set max-age to 5." */
    private static final long DEFAULT_MAX_AGE = 5;

    private static final int VERDICTS = Verdict.values().length;

    private static final int ASPECTS = Aspect.values().length;

    private static final CorsDifference[] ALL;

    static {
        Kind[] kinds = Kind.values();
        Verdict[] verdicts = Verdict.values();
        Aspect[] aspects = Aspect.values();
        ALL = new CorsDifference[kinds.length * VERDICTS * ASPECTS];
        for (Kind kind : kinds) {
            for (Verdict verdict : verdicts) {
                for (Aspect aspect : aspects) {
                    ALL[index(kind, verdict, aspect)] = new CorsDifference(kind, verdict, aspect);
                }
            }
        }
    }

    private final Kind kind;

    private final Verdict verdict;

    private final Aspect aspect;

    private CorsDifference(Kind kind, Verdict verdict, Aspect aspect) {
        this.kind = kind;
        this.verdict = verdict;
        this.aspect = aspect;
    }

    private static int index(Kind kind, Verdict verdict, Aspect aspect) {
        return (kind.ordinal() * VERDICTS + verdict.ordinal()) * ASPECTS + aspect.ordinal();
    }

    /** The shared instance for a kind, verdict and aspect. */
    public static CorsDifference of(Kind kind, Verdict verdict, Aspect aspect) {
        return ALL[index(kind, verdict, aspect)];
    }

    /** The kind of request compared: preflight, actual or WebSocket handshake. */
    public Kind kind() {
        return this.kind;
    }

    /** Would break, open or change. */
    public Verdict verdict() {
        return this.verdict;
    }

    /** What the answers differ in. */
    public Aspect aspect() {
        return this.aspect;
    }

    /**
     * Compares the answer a request got with the one a policy gives it, as a browser would read each.
     *
     * @param request the request
     * @param sent the answer actually sent: the application's response in shadow mode, or the enforced policy's
     *        decision beside a candidate
     * @param policy the decision of the policy compared (the shadow policy's, or the candidate's)
     * @return the difference, or {@code null} when a browser would reach the same verdict on both (and, when both
     *         allow, let the script read the same headers, treat credentials alike and cache alike); also
     *         {@code null} for a request that is not a CORS request, or a handshake the application answered neither
     *         by accepting it nor by a 403
     */
    public static CorsDifference between(CorsRequest request, CorsAnswer sent, CorsDecision policy) {
        Kind kind = policy.kind();
        if (kind == Kind.NOT_CORS) {
            return null;
        }
        String origin = request.header(CorsHeaders.ORIGIN);
        if (origin == null) {
            return null;
        }
        if (kind == Kind.WEBSOCKET) {
            return handshake(sent, policy);
        }
        boolean credentialed = kind == Kind.ACTUAL && request.header(COOKIE) != null;
        Aspect sentRefusal = refusal(request, origin, kind, sent, credentialed);
        Aspect policyRefusal = policyRefusal(request, origin, kind, policy, credentialed);
        if (sentRefusal == null && policyRefusal != null) {
            return of(kind, Verdict.WOULD_BREAK, policyRefusal);
        }
        if (sentRefusal != null && policyRefusal == null) {
            return of(kind, Verdict.WOULD_OPEN, sentRefusal);
        }
        if (sentRefusal != null) {
            return null;
        }
        if (kind == Kind.ACTUAL) {
            // A browser sends this only after a preflight (or its cached answer to one) that allowed it: would the
            // policy's preflight? Shadow mode sees no preflight where the browser reused the application's answer.
            Aspect implied = impliedPreflightRefusal(request, policy.policy());
            if (implied != null) {
                return of(kind, Verdict.WOULD_BREAK, implied);
            }
        }
        if (!credentialed) {
            // Allowed to an anonymous call by both: would a call with credentials fare alike?
            boolean sentCredentials = allowsCredentials(request, origin, kind, sent);
            boolean policyCredentials = allowsCredentials(request, origin, kind, policy);
            if (sentCredentials != policyCredentials) {
                return of(kind, Verdict.WOULD_CHANGE, Aspect.CREDENTIALS);
            }
        }
        if (kind == Kind.ACTUAL && !HttpLists.sameTokens(sent.header(CorsHeaders.ACCESS_CONTROL_EXPOSE_HEADERS),
                policy.header(CorsHeaders.ACCESS_CONTROL_EXPOSE_HEADERS))) {
            return of(kind, Verdict.WOULD_CHANGE, Aspect.EXPOSED_HEADERS);
        }
        if (kind == Kind.PREFLIGHT && maxAge(sent) != maxAge(policy)) {
            return of(kind, Verdict.WOULD_CHANGE, Aspect.MAX_AGE);
        }
        if (cacheSafe(sent) != cacheSafe(policy)) {
            return of(kind, Verdict.WOULD_CHANGE, Aspect.VARY);
        }
        return null;
    }

    /**
     * What the policy would refuse of the preflight a browser made before this actual request: its method, when it
     * is not CORS-safelisted, or its {@code Content-Type}, when its value is not one a browser sends unasked. The
     * other headers a script set cannot be told from the ones the browser added, so they are not judged here.
     */
    private static Aspect impliedPreflightRefusal(CorsRequest request, CorsPolicy policy) {
        if (policy == null) {
            return null;
        }
        String method = request.method();
        if (method != null && !isSafelisted(method) && !policy.allowsMethod(method)) {
            return Aspect.METHOD;
        }
        String contentType = request.header(CONTENT_TYPE);
        if (contentType != null && !isSafelistedContentType(contentType)
                && !policy.allowsRequestHeader(CONTENT_TYPE)) {
            return Aspect.HEADERS;
        }
        return null;
    }

    /**
     * Fetch's CORS-safelisted {@code Content-Type}: its essence is {@code application/x-www-form-urlencoded},
     * {@code multipart/form-data} or {@code text/plain}, in at most 128 bytes.
     */
    private static boolean isSafelistedContentType(String value) {
        if (value.length() > 128) {
            return false;
        }
        int end = value.indexOf(';');
        if (end < 0) {
            end = value.length();
        }
        int start = HttpLists.skipOws(value, 0, end);
        end = HttpLists.trimOws(value, start, end);
        return isEssence(value, start, end, "application/x-www-form-urlencoded")
                || isEssence(value, start, end, "multipart/form-data") || isEssence(value, start, end, "text/plain");
    }

    private static boolean isEssence(String value, int start, int end, String essence) {
        return end - start == essence.length() && value.regionMatches(true, start, essence, 0, essence.length());
    }

    private static CorsDifference handshake(CorsAnswer sent, CorsDecision policy) {
        int status = sent.status();
        boolean sentRefused = status == 403;
        if (!sentRefused && status >= 400) {
            return null;
        }
        boolean policyRefused = policy.refusal() != null;
        if (sentRefused == policyRefused) {
            return null;
        }
        return of(Kind.WEBSOCKET, sentRefused ? Verdict.WOULD_OPEN : Verdict.WOULD_BREAK, Aspect.ORIGIN);
    }

    private static Aspect policyRefusal(CorsRequest request, String origin, Kind kind, CorsDecision policy,
            boolean credentialed) {
        if (policy.refusal() != null) {
            // The policy names its own reason; its answer (no headers at all) would only say the origin.
            return switch (policy.refusal()) {
                case ORIGIN -> Aspect.ORIGIN;
                case METHOD -> Aspect.METHOD;
                case HEADERS -> Aspect.HEADERS;
            };
        }
        return refusal(request, origin, kind, policy, credentialed);
    }

    /**
     * Whether an answer that lets the request through without credentials lets it through with them: only a literal
     * origin with {@code Access-Control-Allow-Credentials: true} does, and for a preflight a {@code *} among the
     * methods or headers stops covering them, so only then are its checks run again.
     */
    private static boolean allowsCredentials(CorsRequest request, String origin, Kind kind, CorsAnswer answer) {
        if ("*".equals(answer.header(CorsHeaders.ACCESS_CONTROL_ALLOW_ORIGIN))
                || !"true".equals(answer.header(CorsHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS))) {
            return false;
        }
        if (kind == Kind.PREFLIGHT && (hasStar(answer.header(CorsHeaders.ACCESS_CONTROL_ALLOW_METHODS))
                || hasStar(answer.header(CorsHeaders.ACCESS_CONTROL_ALLOW_HEADERS)))) {
            return refusal(request, origin, kind, answer, true) == null;
        }
        return true;
    }

    /** Whether a list holds the token {@code *}; a list without the character is read no further. */
    private static boolean hasStar(String list) {
        return list != null && list.indexOf('*') >= 0 && HttpLists.containsToken(list, "*", 0, 1, true);
    }

    /**
     * The Fetch standard's checks of one answer, in its order: the CORS check, then for a preflight its status,
     * private network access, method and headers. {@code null} when a browser would go on.
     */
    private static Aspect refusal(CorsRequest request, String origin, Kind kind, CorsAnswer answer,
            boolean credentialed) {
        String allowOrigin = answer.header(CorsHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        if (allowOrigin == null) {
            return Aspect.ORIGIN;
        }
        boolean star = "*".equals(allowOrigin);
        if (!star && !allowOrigin.equals(origin)) {
            return Aspect.ORIGIN;
        }
        if (answer.isRepeated(CorsHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)) {
            // A browser reads the lines as one value, "a, b", which matches no origin.
            return Aspect.ORIGIN;
        }
        if (credentialed && (star
                || !"true".equals(answer.header(CorsHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS)))) {
            return Aspect.CREDENTIALS;
        }
        if (kind != Kind.PREFLIGHT) {
            return null;
        }
        int status = answer.status();
        if (status != 0 && (status < 200 || status > 299)) {
            return Aspect.STATUS;
        }
        if ("true".equals(request.header(CorsHeaders.ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK))
                && !"true".equals(answer.header(CorsHeaders.ACCESS_CONTROL_ALLOW_PRIVATE_NETWORK))) {
            return Aspect.PRIVATE_NETWORK;
        }
        String method = request.header(CorsHeaders.ACCESS_CONTROL_REQUEST_METHOD);
        if (method != null && !isSafelisted(method)) {
            String methods = answer.header(CorsHeaders.ACCESS_CONTROL_ALLOW_METHODS);
            boolean listed = methods != null && HttpLists.containsToken(methods, method, 0, method.length(), true);
            boolean wildcard = !credentialed && hasStar(methods);
            if (!listed && !wildcard) {
                return Aspect.METHOD;
            }
        }
        String allowHeaders = answer.header(CorsHeaders.ACCESS_CONTROL_ALLOW_HEADERS);
        boolean wildcard = !credentialed && hasStar(allowHeaders);
        String first = request.header(CorsHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
        if (first == null) {
            return null;
        }
        if (!request.isRepeated(CorsHeaders.ACCESS_CONTROL_REQUEST_HEADERS)) {
            return headersAllowed(first, allowHeaders, wildcard) ? null : Aspect.HEADERS;
        }
        for (String line : request.headers(CorsHeaders.ACCESS_CONTROL_REQUEST_HEADERS)) {
            if (!headersAllowed(line, allowHeaders, wildcard)) {
                return Aspect.HEADERS;
            }
        }
        return null;
    }

    private static boolean headersAllowed(String line, String allowHeaders, boolean wildcard) {
        int length = line.length();
        int start = 0;
        while (start <= length) {
            int comma = line.indexOf(',', start);
            int end = (comma < 0) ? length : comma;
            int a = HttpLists.skipOws(line, start, end);
            int b = HttpLists.trimOws(line, a, end);
            if (a < b) {
                boolean listed = allowHeaders != null && HttpLists.containsToken(allowHeaders, line, a, b, false);
                // Fetch: "*" never covers Authorization, a CORS non-wildcard request-header name.
                boolean authorization = b - a == 13 && line.regionMatches(true, a, "authorization", 0, 13);
                if (!listed && !(wildcard && !authorization)) {
                    return false;
                }
            }
            if (comma < 0) {
                return true;
            }
            start = comma + 1;
        }
        return true;
    }

    private static boolean isSafelisted(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "POST".equals(method);
    }

    /** The seconds a browser caches a preflight for: the header's value, or 5 when absent or not a number. */
    private static long maxAge(CorsAnswer answer) {
        String value = answer.header(CorsHeaders.ACCESS_CONTROL_MAX_AGE);
        if (value == null || value.isEmpty() || value.length() > 18) {
            return DEFAULT_MAX_AGE;
        }
        long seconds = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return DEFAULT_MAX_AGE;
            }
            seconds = seconds * 10 + (c - '0');
        }
        return seconds;
    }

    /**
     * Whether a shared cache may hand the answer to a request from another origin without harm: it allows any
     * origin, or it varies with {@code Origin}.
     */
    private static boolean cacheSafe(CorsAnswer answer) {
        if ("*".equals(answer.header(CorsHeaders.ACCESS_CONTROL_ALLOW_ORIGIN))) {
            return true;
        }
        String vary = answer.header(CorsHeaders.VARY);
        if (vary != null && (HttpLists.containsToken(vary, CorsHeaders.ORIGIN, 0, 6, false)
                || HttpLists.containsToken(vary, "*", 0, 1, true))) {
            return true;
        }
        Iterator<String> lines = answer.headers(CorsHeaders.VARY).iterator();
        if (lines.hasNext()) {
            lines.next();
        }
        while (lines.hasNext()) {
            String line = lines.next();
            if (HttpLists.containsToken(line, CorsHeaders.ORIGIN, 0, 6, false)
                    || HttpLists.containsToken(line, "*", 0, 1, true)) {
                return true;
            }
        }
        return false;
    }

    /**
     * In words a person can act on: what differs for this request, what each answer says, and the property to
     * change. Request values are quoted escaped and cut to length, so that a hostile one cannot forge a log line.
     *
     * @param request the request compared
     * @param sent the answer it got
     * @param policy the policy's decision
     * @return one line, for a log or a report
     */
    public String describe(CorsRequest request, CorsAnswer sent, CorsDecision policy) {
        return describe(request, sent, policy, false);
    }

    /**
     * {@link #describe(CorsRequest, CorsAnswer, CorsDecision)} for a candidate compared with the policy it stands
     * beside: "today" is the enforced policy's answer, and the property to change is the candidate's.
     *
     * @param request the request compared
     * @param sent the enforced policy's decision
     * @param candidate the candidate's decision
     * @param isCandidate whether the decision is a candidate's
     * @return one line, for a log or a report
     */
    public String describe(CorsRequest request, CorsAnswer sent, CorsDecision candidate, boolean isCandidate) {
        CorsDecision policy = candidate;
        String subject = isCandidate ? "the candidate" : "the policy";
        String prefix = isCandidate ? "candidate." : "";
        StringBuilder out = new StringBuilder(256);
        String origin = request.header(CorsHeaders.ORIGIN);
        String what = switch (this.kind) {
            case PREFLIGHT -> "preflight";
            case WEBSOCKET -> "WebSocket handshake";
            default -> "request";
        };
        switch (this.verdict) {
            case WOULD_BREAK -> {
                out.append("Would break: the ").append(what).append(" from '");
                CorsDecision.appendForLog(out, origin);
                out.append("'").append(requestDetail(request)).append(" is allowed today");
                if (policy.refusal() != null) {
                    out.append("; " + subject + " would refuse it. ").append(reason(policy, request));
                }
                else if (this.kind == Kind.ACTUAL && (this.aspect == Aspect.METHOD || this.aspect == Aspect.HEADERS)) {
                    out.append(", after a preflight the application allowed (or the browser's cached answer to one);"
                            + " " + subject + "'s preflight would refuse ");
                    if (this.aspect == Aspect.METHOD) {
                        out.append("its method: " + prefix + "allowed-methods does not list ");
                        CorsDecision.appendForLog(out, String.valueOf(request.method()));
                    }
                    else {
                        out.append("its Content-Type, '");
                        CorsDecision.appendForLog(out, String.valueOf(request.header(CONTENT_TYPE)));
                        out.append("', which a browser sends only after asking: " + prefix
                                + "allowed-headers does not list Content-Type");
                    }
                    out.append('.');
                }
                else {
                    out.append("; " + subject + "'s answer would fail the browser's check of ")
                        .append(checked(this.aspect)).append(" (").append(compare(sent, policy, subject)).append(")");
                }
                out.append(" To keep this client working, change ").append(property(prefix)).append('.');
            }
            case WOULD_OPEN -> {
                out.append("Would open: the ").append(what).append(" from '");
                CorsDecision.appendForLog(out, origin);
                out.append("'").append(requestDetail(request)).append(" is refused today (");
                if (this.kind == Kind.WEBSOCKET) {
                    out.append("403");
                }
                else {
                    out.append("the browser's check of ").append(checked(this.aspect)).append(" fails: ")
                        .append(compare(sent, policy, subject));
                }
                out.append("); ").append(subject).append(" would allow it. ").append(reason(policy, request))
                    .append(" If it must stay refused, change ").append(property(prefix)).append('.');
            }
            case WOULD_CHANGE -> {
                out.append("Would change: the ").append(what).append(" from '");
                CorsDecision.appendForLog(out, origin);
                out.append("'").append(requestDetail(request)).append(" is allowed by both, but ")
                    .append(changed(this.aspect)).append(" (").append(compare(sent, policy, subject)).append(").");
                if (this.aspect.setting() != null) {
                    out.append(" To keep it as it is, change ").append(property(prefix)).append('.');
                }
                else {
                    out.append(" The answer of ").append(subject).append(" is the correct one; nothing to change.");
                }
            }
        }
        return out.toString();
    }

    /** The decision's reason, without what the enforcing filter does with the request, which nothing here does. */
    private static String reason(CorsDecision decision, CorsRequest request) {
        String reason = decision.reason(request);
        return reason.endsWith(CorsPolicy.PASSED_ON_WITHOUT_HEADERS)
                ? reason.substring(0, reason.length() - CorsPolicy.PASSED_ON_WITHOUT_HEADERS.length()) : reason;
    }

    private String property(String prefix) {
        return (this.aspect.setting() != null) ? prefix + this.aspect.setting().key() : "nothing";
    }

    private String requestDetail(CorsRequest request) {
        if (this.kind != Kind.PREFLIGHT) {
            return " (" + sanitize(request.method()) + ")";
        }
        StringBuilder out = new StringBuilder(" (for ");
        CorsDecision.appendForLog(out, String.valueOf(request.header(CorsHeaders.ACCESS_CONTROL_REQUEST_METHOD)));
        String headers = request.header(CorsHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
        if (headers != null) {
            out.append(" with headers ");
            CorsDecision.appendForLog(out, headers);
        }
        return out.append(')').toString();
    }

    private static String sanitize(String value) {
        StringBuilder out = new StringBuilder();
        CorsDecision.appendForLog(out, String.valueOf(value));
        return out.toString();
    }

    private static String checked(Aspect aspect) {
        return switch (aspect) {
            case ORIGIN -> "Access-Control-Allow-Origin";
            case CREDENTIALS -> "Access-Control-Allow-Credentials";
            case STATUS -> "the preflight's status";
            case PRIVATE_NETWORK -> "Access-Control-Allow-Private-Network";
            case METHOD -> "Access-Control-Allow-Methods";
            case HEADERS -> "Access-Control-Allow-Headers";
            case EXPOSED_HEADERS -> "Access-Control-Expose-Headers";
            case MAX_AGE -> "Access-Control-Max-Age";
            case VARY -> "Vary";
        };
    }

    private static String changed(Aspect aspect) {
        return switch (aspect) {
            case CREDENTIALS -> "a call with credentials would fare otherwise";
            case EXPOSED_HEADERS -> "the script could read other response headers";
            case MAX_AGE -> "the browser would cache the preflight for another time";
            case VARY -> "only one of the answers varies with Origin, so a shared cache could hand the other to"
                    + " another origin";
            default -> checked(aspect) + " differs";
        };
    }

    /** The headers of the aspect, as each answer has them. */
    private String compare(CorsAnswer sent, CorsDecision policy, String subject) {
        String name = switch (this.aspect) {
            case ORIGIN, CREDENTIALS, VARY -> CorsHeaders.ACCESS_CONTROL_ALLOW_ORIGIN;
            case STATUS -> null;
            default -> header(this.aspect);
        };
        StringBuilder out = new StringBuilder();
        if (name == null) {
            return out.append("status ").append(sent.status()).append(" sent, ")
                .append((policy.status() != 0) ? String.valueOf(policy.status()) : "the application's")
                .append(" from ").append(subject).toString();
        }
        appendHeader(out.append("sent "), sent, name);
        if (this.aspect == Aspect.CREDENTIALS || this.aspect == Aspect.VARY) {
            String second = (this.aspect == Aspect.VARY) ? CorsHeaders.VARY
                    : CorsHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS;
            appendHeader(out.append(" and "), sent, second);
            appendHeader(out.append("; ").append(subject).append("'s "), policy, name);
            appendHeader(out.append(" and "), policy, second);
        }
        else {
            appendHeader(out.append("; ").append(subject).append("'s "), policy, name);
        }
        return out.toString();
    }

    private static String header(Aspect aspect) {
        return switch (aspect) {
            case PRIVATE_NETWORK -> CorsHeaders.ACCESS_CONTROL_ALLOW_PRIVATE_NETWORK;
            case METHOD -> CorsHeaders.ACCESS_CONTROL_ALLOW_METHODS;
            case HEADERS -> CorsHeaders.ACCESS_CONTROL_ALLOW_HEADERS;
            case EXPOSED_HEADERS -> CorsHeaders.ACCESS_CONTROL_EXPOSE_HEADERS;
            case MAX_AGE -> CorsHeaders.ACCESS_CONTROL_MAX_AGE;
            default -> CorsHeaders.ACCESS_CONTROL_ALLOW_ORIGIN;
        };
    }

    private static void appendHeader(StringBuilder out, CorsAnswer answer, String name) {
        String value = answer.header(name);
        out.append(name).append(": ");
        if (value == null) {
            out.append("(none)");
        }
        else {
            out.append('\'');
            CorsDecision.appendForLog(out, value);
            out.append('\'');
        }
    }

    @Override
    public String toString() {
        return "CorsDifference[" + this.kind + ", " + this.verdict + ", " + this.aspect + "]";
    }

}
