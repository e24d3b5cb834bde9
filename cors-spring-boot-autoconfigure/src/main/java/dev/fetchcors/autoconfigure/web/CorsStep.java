package dev.fetchcors.autoconfigure.web;

import java.util.Locale;

import dev.fetchcors.autoconfigure.CorsDecisionObserver;
import dev.fetchcors.autoconfigure.CorsDecisionObserver.Comparison;
import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.NamedCorsPolicy;
import dev.fetchcors.autoconfigure.ServerCorsRequest;
import dev.fetchcors.core.CorsAnswer;
import dev.fetchcors.core.CorsConfig;
import dev.fetchcors.core.CorsDecision;
import dev.fetchcors.core.CorsDifference;
import dev.fetchcors.core.CorsPolicy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * What both web adapters do with a request, in one place: pick its policy (or, for a request no policy covers, what
 * {@link Uncovered} says), let the policy decide, compare a candidate's decision with it, tell the observer, and
 * say at DEBUG why a request was refused. The servlet {@code Filter} and the reactive {@code WebFilter} only read
 * the request into a {@link ServerCorsRequest} before, and write the decision into the response after; for a
 * decision in shadow mode they write nothing and hand the response the application sent to {@link #compare}.
 *
 * <pre>{@code
 * FetchCorsFilter filter = new FetchCorsFilter(new CorsStep(resolver, observer, Uncovered.SAME_ORIGIN_SOCKETS));
 *
 * // in an adapter:
 * CorsDecision decision = this.step.decide(view, false);
 * if (decision == null) {
 *     // no policy: pass the request on untouched
 * }
 * }</pre>
 *
 * <p>Thread-safe; it holds no state of its own per request.
 */
public final class CorsStep {

    private final CorsPolicyResolver resolver;

    private final @Nullable CorsDecisionObserver observer;

    /**
     * The policy for requests no policy covers, where they are not left alone: it allows no origin, so its
     * preflights are refused and its handshakes accepted from the application's own origin only.
     */
    static final NamedCorsPolicy NONE = NamedCorsPolicy.of("none", CorsPolicy.compile(CorsConfig.builder().build()));

    private final Uncovered uncovered;

    private final ShadowReport report;

    private final Log logger;

    /**
     * A step.
     *
     * @param resolver picks the policy for each request
     * @param observer told about each decision, or {@code null}
     * @param uncovered what becomes of the requests the resolver leaves alone
     */
    public CorsStep(CorsPolicyResolver resolver, @Nullable CorsDecisionObserver observer, Uncovered uncovered) {
        this(resolver, observer, uncovered, new ShadowReport(1000));
    }

    /**
     * A step that keeps what shadow mode and candidate policies find in the given report.
     *
     * @param resolver picks the policy for each request
     * @param observer told about each decision, or {@code null}
     * @param uncovered what becomes of the requests the resolver leaves alone
     * @param report where differences are kept
     */
    public CorsStep(CorsPolicyResolver resolver, @Nullable CorsDecisionObserver observer, Uncovered uncovered,
            ShadowReport report) {
        this(resolver, observer, uncovered, report, LogFactory.getLog(CorsStep.class));
    }

    private CorsStep(CorsPolicyResolver resolver, @Nullable CorsDecisionObserver observer, Uncovered uncovered,
            ShadowReport report, Log logger) {
        Assert.notNull(resolver, "'resolver' must not be null");
        Assert.notNull(uncovered, "'uncovered' must not be null");
        Assert.notNull(report, "'report' must not be null");
        this.resolver = resolver;
        this.observer = observer;
        this.uncovered = uncovered;
        this.report = report;
        this.logger = logger;
    }

    /**
     * This step explaining refusals under an adapter's logger, whose name is the one users turn on.
     *
     * @param logger the adapter's logger
     * @return a step that differs from this one in its logger alone
     */
    public CorsStep loggingTo(Log logger) {
        Assert.notNull(logger, "'logger' must not be null");
        return new CorsStep(this.resolver, this.observer, this.uncovered, this.report, logger);
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
     * Decides for one request.
     *
     * @param request the request as the adapter reads it
     * @param again whether this request was decided before (a servlet error dispatch applying the decision of the
     *        request that failed): the observer is then not told twice
     * @return the decision to apply, or {@code null} when no policy covers the request and it is to be passed on
     *         untouched
     */
    public @Nullable CorsDecision decide(ServerCorsRequest request, boolean again) {
        NamedCorsPolicy policy = this.resolver.resolve(request);
        CorsDecision decision;
        if (policy != null) {
            decision = policy.policy().evaluate(request);
        }
        else {
            decision = uncovered(request);
            if (decision == null) {
                return null;
            }
            policy = NONE;
        }
        if (this.observer != null && !again) {
            this.observer.observe(decision);
        }
        CorsPolicy candidate = policy.policy().candidate();
        if (candidate != null && !again && decision.kind() != CorsDecision.Kind.NOT_CORS) {
            compareCandidate(request, policy, decision, candidate);
        }
        if (decision.refusal() != null && this.logger.isDebugEnabled()) {
            // The reason names the offending request value, made safe for a log line; the raw Origin never is.
            this.logger.debug((decision.isShadow() ? "Would refuse (shadow mode) CORS " : "Refused CORS ")
                    + decision.kind() + " " + request.method() + " " + request.path().value() + " (policy '"
                    + policy.name() + "'): " + decision.reason(request));
        }
        return decision;
    }

    private void compareCandidate(ServerCorsRequest request, NamedCorsPolicy policy, CorsDecision decision,
            CorsPolicy candidate) {
        CorsDecision candidateDecision = candidate.evaluate(request);
        CorsDifference difference = CorsDifference.between(request, decision, candidateDecision);
        if (difference != null) {
            reportDifference(policy.name(), Comparison.CANDIDATE, difference, request, decision, candidateDecision);
        }
        // Counted once reported, so that a request counted is a request whose difference is in the report.
        this.report.compared(Comparison.CANDIDATE);
    }

    /**
     * Compares a decision made in shadow mode with the answer the application sent instead, and reports where a
     * browser would reach another verdict: called by the adapters once the response is final (for a servlet
     * request, after the chain or the error dispatch; for a reactive one, as it is committed). Where the two agree,
     * nothing is allocated.
     *
     * @param request the request
     * @param sent the response as the application sent it
     * @param decision what {@link #decide} returned for it, {@link CorsDecision#isShadow() in shadow mode}
     */
    public void compare(ServerCorsRequest request, CorsAnswer sent, CorsDecision decision) {
        if (decision.kind() == CorsDecision.Kind.NOT_CORS) {
            return;
        }
        CorsDifference difference = CorsDifference.between(request, sent, decision);
        if (difference != null) {
            // Rare, and only now: the policy's name, asked of the resolver again.
            NamedCorsPolicy policy = this.resolver.resolve(request);
            reportDifference((policy != null) ? policy.name() : NONE.name(), Comparison.SHADOW, difference, request,
                    sent, decision);
        }
        this.report.compared(Comparison.SHADOW);
    }

    private void reportDifference(String policy, Comparison comparison, CorsDifference difference,
            ServerCorsRequest request, CorsAnswer sent, CorsDecision decision) {
        try {
            this.report.record(policy, comparison, difference, request, sent, decision);
            if (this.observer != null) {
                this.observer.difference(policy, comparison, difference);
            }
        }
        catch (RuntimeException ex) {
            // A report must never fail the request it reports on.
            this.logger.warn("CORS " + comparison.name().toLowerCase(Locale.ROOT)
                    + " difference not reported: " + ex);
        }
    }

    /**
     * Whether the policy for a request is in shadow mode: then nothing of the starter's may change the response,
     * which the gateway's sole-owner filters and the WebSocket guards ask before they act.
     *
     * @param request the request
     * @return {@code true} when its policy is in shadow mode
     */
    public boolean isShadowed(ServerCorsRequest request) {
        NamedCorsPolicy policy = this.resolver.resolve(request);
        return policy != null && policy.policy().config().mode() == CorsConfig.Mode.SHADOW;
    }

    /**
     * What this step would decide for a request, with the policy that decides, without telling the observer or
     * logging: for a check made beside the request itself, such as a SockJS transport judged as the handshake it
     * stands in for, or the actuator's check of a request described to it.
     *
     * @param request the request
     * @return the policy and its decision, or {@code null} when the request would be passed on untouched
     */
    public @Nullable Judgement judge(ServerCorsRequest request) {
        NamedCorsPolicy policy = this.resolver.resolve(request);
        if (policy != null) {
            return new Judgement(policy, policy.policy().evaluate(request));
        }
        CorsDecision decision = uncovered(request);
        return (decision != null) ? new Judgement(NONE, decision) : null;
    }

    private @Nullable CorsDecision uncovered(ServerCorsRequest request) {
        if (this.uncovered == Uncovered.LEFT_ALONE) {
            return null;
        }
        CorsDecision decision = NONE.policy().evaluate(request);
        if (this.uncovered == Uncovered.SAME_ORIGIN_SOCKETS && decision.kind() != CorsDecision.Kind.WEBSOCKET) {
            return null;
        }
        return decision;
    }

    /**
     * A policy and what it decided for a request.
     *
     * @param policy the policy, {@code none} for a request no policy covers
     * @param decision its decision
     */
    public record Judgement(NamedCorsPolicy policy, CorsDecision decision) {
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
        REFUSED

    }

}
