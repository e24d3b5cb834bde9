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
        WOULD_CHANGE,

        /**
         * Run by the application today, refused with 403 by the policy before the application would run it: a
         * cross-origin request from an origin that may not read (cross-origin protection).
         */
        WOULD_STOP,

        /**
         * Refused with 403 by the enforced policy today, run by the candidate (a send-only origin, or
         * cross-origin protection off); reported for candidates only, since a 403 the application sent may come
         * from anything.
         */
        WOULD_RUN;

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
        VARY(null),

        /**
         * Whether the application runs the request at all: a cross-origin request from an origin that may not read
         * is refused with 403 before it runs, unless the origin may send (send-only origins).
         */
        RUNS(Setting.SEND_ONLY_ORIGINS);

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

    static final String CONTENT_TYPE = "Content-Type";

    /** Fetch: "If max-age is failure or null, then set max-age to 5." */
    private static final long DEFAULT_MAX_AGE = 5;

    /** The aspect each of the browser's failing checks is about, by ordinal: they share their names. */
    private static final Aspect[] ASPECT_OF = java.util.Arrays.stream(BrowserRules.Failure.values())
        .map((failure) -> Aspect.valueOf(failure.name()))
        .toArray(Aspect[]::new);

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
            // A request without Origin is compared only where the policy would refuse it (Sec-Fetch-Site).
            return runs(kind, sent, policy);
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
            // Neither lets a script read: does the application run the request under both?
            return (kind == Kind.ACTUAL) ? runs(kind, sent, policy) : null;
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
     * Whether the request would run under one answer and be refused with 403 before the application under the other:
     * would stop where the policy refuses it and the answer sent does not (a 403 sent is taken as refused, whatever
     * sent it); would run only beside a candidate, where both answers are the starter's own decisions.
     */
    private static CorsDifference runs(Kind kind, CorsAnswer sent, CorsDecision policy) {
        if (kind != Kind.ACTUAL) {
            return null;
        }
        boolean policyStops = policy.isAnswered();
        boolean sentStops = sent.status() == 403;
        if (policyStops && !sentStops) {
            return of(kind, Verdict.WOULD_STOP, Aspect.RUNS);
        }
        if (!policyStops && sentStops && sent instanceof CorsDecision) {
            return of(kind, Verdict.WOULD_RUN, Aspect.RUNS);
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
        if (method != null && !BrowserRules.isSafelistedMethod(method) && !policy.allowsMethod(method)) {
            return Aspect.METHOD;
        }
        String contentType = request.header(CONTENT_TYPE);
        if (contentType != null && !BrowserRules.isSafelistedContentType(contentType)
                && !policy.allowsRequestHeader(CONTENT_TYPE)) {
            return Aspect.HEADERS;
        }
        return null;
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
        if (kind == Kind.PREFLIGHT && (BrowserRules.hasStar(answer.header(CorsHeaders.ACCESS_CONTROL_ALLOW_METHODS))
                || BrowserRules.hasStar(answer.header(CorsHeaders.ACCESS_CONTROL_ALLOW_HEADERS)))) {
            return refusal(request, origin, kind, answer, true) == null;
        }
        return true;
    }

    /**
     * The Fetch standard's checks of one answer, in its order ({@link BrowserRules}): the CORS check, then for a
     * preflight its status, private network access, method and headers. {@code null} when a browser would go on.
     */
    private static Aspect refusal(CorsRequest request, String origin, Kind kind, CorsAnswer answer,
            boolean credentialed) {
        BrowserRules.Failure failure = (kind != Kind.PREFLIGHT) ? BrowserRules.corsCheck(answer, origin, credentialed)
                : BrowserRules.preflightCheck(answer, request, credentialed);
        return (failure != null) ? ASPECT_OF[failure.ordinal()] : null;
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
     * change ({@link DifferenceWords}). Request values are quoted escaped and cut to length, so that a hostile one
     * cannot forge a log line.
     *
     * @param request the request compared
     * @param sent the answer it got
     * @param policy the policy's decision
     * @return one line, for a log or a report
     */
    public String describe(CorsRequest request, CorsAnswer sent, CorsDecision policy) {
        return DifferenceWords.describe(this, request, sent, policy, false, null);
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
        return DifferenceWords.describe(this, request, sent, candidate, isCandidate, null);
    }

    /**
     * {@link #describe(CorsRequest, CorsAnswer, CorsDecision, boolean)} naming the request's path too, where the
     * adapter knows it ("a form POST from 'https://idp.example' to /login/callback runs today").
     *
     * @param request the request compared
     * @param sent the answer it got, or the enforced policy's decision beside a candidate
     * @param policy the compared policy's decision
     * @param isCandidate whether the decision is a candidate's
     * @param path the request's path, as received (escaped here), or {@code null}
     * @return one line, for a log or a report
     */
    public String describe(CorsRequest request, CorsAnswer sent, CorsDecision policy, boolean isCandidate,
            String path) {
        return DifferenceWords.describe(this, request, sent, policy, isCandidate, path);
    }

    @Override
    public String toString() {
        return "CorsDifference[" + this.kind + ", " + this.verdict + ", " + this.aspect + "]";
    }

}
