package dev.fetchcors.autoconfigure.judge;

import dev.fetchcors.autoconfigure.CorsDecisionObserver;
import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.NamedCorsPolicy;
import dev.fetchcors.autoconfigure.ServerCorsRequest;
import dev.fetchcors.autoconfigure.shadow.ShadowReport;
import dev.fetchcors.core.CorsAnswer;
import dev.fetchcors.core.CorsConfig;
import dev.fetchcors.core.CorsDecision;
import dev.fetchcors.core.CorsPolicy;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Where a request is judged, once: its policy is picked (or, for a request no policy covers, what {@link Uncovered}
 * says), the policy decides, a candidate's decision is compared with it, the observer is told, and a refusal is said
 * at DEBUG. The judgement stays with the request ({@link JudgedRequest}); the servlet {@code Filter} and the reactive
 * {@code WebFilter} only read the request before and write the decision after, and the guards that run after them
 * (a gateway's, the SockJS endpoints') read the judgement. For a decision in shadow mode the adapters write nothing
 * and hand the response the application sent to {@link #compare}.
 *
 * <pre>{@code
 * FetchCorsFilter filter = new FetchCorsFilter(new CorsJudge(resolver, observer, Uncovered.SAME_ORIGIN_SOCKETS));
 *
 * // in an adapter:
 * this.judge.judge(view, false);
 * CorsDecision decision = view.decision();   // null: no policy covers the request, pass it on untouched
 * }</pre>
 *
 * <p>Thread-safe; it holds no state of its own per request.
 */
public final class CorsJudge {

    /**
     * Where both adapters run: before Spring Security's filter chain (-100 on both stacks), so preflights never meet
     * authentication and a 401 or 403 carries the CORS headers; on the servlet stack after Spring Boot's observation
     * filter ({@code HIGHEST_PRECEDENCE + 1}), so refused requests are observed.
     */
    public static final int ORDER = -110;

    /**
     * The policy for requests no policy covers, where they are not left alone: it allows no origin, so its
     * preflights are refused and its handshakes accepted from the application's own origin only; their other
     * requests are passed on (a path no policy covers is never refused).
     */
    static final NamedCorsPolicy NONE = NamedCorsPolicy.of("none",
            CorsPolicy.compile(CorsConfig.builder().crossOriginProtection(false).build()));

    /** {@link #NONE} while every policy is in shadow mode: it refuses nothing either, and only compares. */
    static final NamedCorsPolicy NONE_IN_SHADOW_MODE = NamedCorsPolicy.of("none",
            CorsPolicy.compile(CorsConfig.builder().crossOriginProtection(false).mode(CorsConfig.Mode.SHADOW).build()));

    /** Spring's own WebSocket origin check where the application set no origins, as a policy. */
    private static final CorsPolicy SAME_ORIGIN_ONLY = NONE.policy();

    /**
     * Spring's own WebSocket origin check where the application set no origins: a handshake is accepted from the
     * application's own origin only.
     *
     * @param handshake a WebSocket handshake, or a request seen as one
     * @return the decision
     */
    public static CorsDecision sameOriginOnly(ServerCorsRequest handshake) {
        return SAME_ORIGIN_ONLY.evaluate(handshake);
    }

    private final CorsPolicyResolver resolver;

    private final @Nullable CorsDecisionObserver observer;

    private final Uncovered uncovered;

    private final ShadowReport report;

    private final boolean reasonHeader;

    /**
     * Whether a filter that runs before the adapter is watched, so that the adapter looks for the judgement made
     * there: read on every request, written once.
     */
    private volatile boolean witnessed;

    /**
     * A judge that keeps what shadow mode and candidate policies find in a report of its own.
     *
     * @param resolver picks the policy for each request
     * @param observer told about each decision, or {@code null}
     * @param uncovered what becomes of the requests the resolver leaves alone
     */
    public CorsJudge(CorsPolicyResolver resolver, @Nullable CorsDecisionObserver observer, Uncovered uncovered) {
        this(resolver, observer, uncovered, new ShadowReport(1000));
    }

    /**
     * A judge that keeps what shadow mode and candidate policies find in the given report.
     *
     * @param resolver picks the policy for each request
     * @param observer told about each decision, or {@code null}
     * @param uncovered what becomes of the requests the resolver leaves alone
     * @param report where differences are kept
     */
    public CorsJudge(CorsPolicyResolver resolver, @Nullable CorsDecisionObserver observer, Uncovered uncovered,
            ShadowReport report) {
        this(resolver, observer, uncovered, report, false);
    }

    /**
     * A judge whose adapters may say why they refused a request, in a response header: for tests only.
     *
     * @param resolver picks the policy for each request
     * @param observer told about each decision, or {@code null}
     * @param uncovered what becomes of the requests the resolver leaves alone
     * @param report where differences are kept
     * @param reasonHeader whether a refused request's response carries
     *        {@value dev.fetchcors.autoconfigure.CorsProperties#REASON_HEADER} ({@code app.cors.reason-header})
     */
    public CorsJudge(CorsPolicyResolver resolver, @Nullable CorsDecisionObserver observer, Uncovered uncovered,
            ShadowReport report, boolean reasonHeader) {
        Assert.notNull(resolver, "'resolver' must not be null");
        Assert.notNull(uncovered, "'uncovered' must not be null");
        Assert.notNull(report, "'report' must not be null");
        this.resolver = resolver;
        this.observer = observer;
        this.uncovered = uncovered;
        this.report = report;
        this.reasonHeader = reasonHeader;
    }

    /**
     * The value of {@value dev.fetchcors.autoconfigure.CorsProperties#REASON_HEADER} for a judged request: the
     * policy's name and its reason, for a request the policy refused and not in shadow mode, where
     * {@code app.cors.reason-header} is on; else {@code null}.
     *
     * @param request the request, as judged
     * @return the header's value, or {@code null} when none is to be written
     */
    public @Nullable String reasonHeader(JudgedRequest request) {
        CorsDecision decision = request.decision();
        if (!this.reasonHeader || decision == null || decision.refusal() == null || decision.isShadow()) {
            return null;
        }
        return "policy '" + request.policyName() + "': " + decision.reason(request);
    }

    /** Notes that a filter before the adapter is watched: the adapter then reuses the judgement made there. */
    public void witnessed() {
        this.witnessed = true;
    }

    /** Whether a filter before the adapter is watched ({@link #witnessed()}). */
    public boolean isWitnessed() {
        return this.witnessed;
    }

    /** The resolver that picks each request's policy. */
    public CorsPolicyResolver resolver() {
        return this.resolver;
    }

    /** What shadow mode and candidate policies found, for the actuator's {@code cors} endpoint. */
    public ShadowReport shadowReport() {
        return this.report;
    }

    /**
     * Judges a request the adapter received: the policy, its decision and its candidate's are kept on the request.
     *
     * @param request the request as the adapter reads it
     * @param again whether this request was judged before (a servlet error dispatch applying the judgement of the
     *        request that failed): the observer is then not told twice, nor the candidate compared again
     * @param logger the adapter's logger, under whose name a refusal is said at DEBUG
     */
    public void judge(JudgedRequest request, boolean again, Log logger) {
        NamedCorsPolicy policy = this.resolver.resolve(request);
        CorsDecision decision;
        if (policy != null) {
            decision = policy.policy().evaluate(request);
        }
        else {
            decision = uncovered(request);
            if (decision == null) {
                request.judged(null, null, null);
                return;
            }
            policy = none();
        }
        CorsPolicy candidate = policy.policy().candidate();
        CorsDecision candidateDecision = (candidate != null && decision.kind() != CorsDecision.Kind.NOT_CORS)
                ? candidate.evaluate(request) : null;
        request.judged(policy, decision, candidateDecision);
        if (again) {
            return;
        }
        if (this.observer != null) {
            this.observer.observe(decision, policy.name(), request);
        }
        if (candidateDecision != null) {
            this.report.compareCandidate(policy.name(), request, decision, candidateDecision, this.observer);
        }
        if (decision.refusal() != null && logger.isDebugEnabled()) {
            // Every value from the request is made safe for a log line: the method and path too.
            logger.debug((decision.isShadow() ? "Would refuse (shadow mode) CORS " : "Refused CORS ")
                    + decision.kind() + " " + CorsDecision.forLog(request.method()) + " "
                    + CorsDecision.forLog(request.path().value()) + " (policy '" + policy.name() + "'): "
                    + decision.reason(request));
        }
    }

    /**
     * Judges a request described rather than received (the actuator's check): as {@link #judge}, but no observer is
     * told, no candidate compared and nothing logged.
     *
     * @param request the request
     */
    public void judgeQuietly(JudgedRequest request) {
        NamedCorsPolicy policy = this.resolver.resolve(request);
        if (policy == null) {
            CorsDecision decision = uncovered(request);
            request.judged((decision != null) ? none() : null, decision, null);
            return;
        }
        CorsPolicy candidate = policy.policy().candidate();
        request.judged(policy, policy.policy().evaluate(request),
                (candidate != null) ? candidate.evaluate(request) : null);
    }

    /**
     * What the policy that judged a request decides for another view of the same request (a SockJS transport seen as
     * the WebSocket handshake it stands in for): the same policy, never resolved again. A request left alone is
     * judged by the policy of requests no policy covers.
     *
     * @param judged the request as judged
     * @param view the other view of it
     * @return the decision
     */
    public CorsDecision decideAs(JudgedRequest judged, ServerCorsRequest view) {
        NamedCorsPolicy policy = judged.policy();
        return ((policy != null) ? policy : none()).policy().evaluate(view);
    }

    /**
     * Compares a decision made in shadow mode with the answer the application sent instead, and reports where a
     * browser would reach another verdict: called by the adapters once the response is final (for a servlet
     * request, after the chain or the error dispatch; for a reactive one, as it is committed). Where the two agree,
     * nothing is allocated.
     *
     * @param request the request, as judged
     * @param sent the response as the application sent it
     */
    public void compare(JudgedRequest request, CorsAnswer sent) {
        CorsDecision decision = request.decision();
        if (decision != null) {
            this.report.compareShadow(request.policyName(), request, sent, decision, this.observer);
        }
    }

    /** The policy of requests no policy covers: in shadow mode while every policy is. */
    private NamedCorsPolicy none() {
        return this.resolver.policies().isShadow() ? NONE_IN_SHADOW_MODE : NONE;
    }

    private @Nullable CorsDecision uncovered(ServerCorsRequest request) {
        if (this.uncovered == Uncovered.LEFT_ALONE) {
            return null;
        }
        CorsDecision decision = none().policy().evaluate(request);
        if (this.uncovered == Uncovered.SAME_ORIGIN_SOCKETS && decision.kind() != CorsDecision.Kind.WEBSOCKET) {
            return null;
        }
        return decision;
    }

    /** What becomes of a request that no policy covers (the resolver returned {@code null}). */
    public enum Uncovered {

        /** Passed on untouched, WebSocket handshakes included: {@code app.cors.websocket.enabled=false}. */
        LEFT_ALONE,

        /**
         * Passed on untouched, except WebSocket handshakes, accepted from the application's own origin only, as
         * Spring's own same-origin check does on Spring MVC (WebFlux has none): the default.
         */
        SAME_ORIGIN_SOCKETS,

        /**
         * Judged by a policy that allows no origin: preflights refused with 403 and never passed on, handshakes
         * accepted from the application's own origin only, responses with {@code Vary: Origin}; a gateway's choice.
         */
        REFUSED;

        /** The choice of an application with the given WebSocket support, when no gateway says otherwise. */
        public static Uncovered of(boolean webSocketSupport) {
            return webSocketSupport ? SAME_ORIGIN_SOCKETS : LEFT_ALONE;
        }

    }

}
