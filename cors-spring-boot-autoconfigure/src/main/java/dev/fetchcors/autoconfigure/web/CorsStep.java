package dev.fetchcors.autoconfigure.web;

import dev.fetchcors.autoconfigure.CorsDecisionObserver;
import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.NamedCorsPolicy;
import dev.fetchcors.autoconfigure.ServerCorsRequest;
import dev.fetchcors.core.CorsConfig;
import dev.fetchcors.core.CorsDecision;
import dev.fetchcors.core.CorsPolicy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * What both web adapters do with a request, in one place: pick its policy (or, for a request no policy covers, what
 * {@link Uncovered} says), let the policy decide, tell the observer, and say at DEBUG why a request was refused. The servlet {@code Filter} and the reactive {@code WebFilter} only
 * read the request into a {@link ServerCorsRequest} before, and write the decision into the response after.
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

    private final Log logger;

    /**
     * A step.
     *
     * @param resolver picks the policy for each request
     * @param observer told about each decision, or {@code null}
     * @param uncovered what becomes of the requests the resolver leaves alone
     */
    public CorsStep(CorsPolicyResolver resolver, @Nullable CorsDecisionObserver observer, Uncovered uncovered) {
        this(resolver, observer, uncovered, LogFactory.getLog(CorsStep.class));
    }

    private CorsStep(CorsPolicyResolver resolver, @Nullable CorsDecisionObserver observer, Uncovered uncovered,
            Log logger) {
        Assert.notNull(resolver, "'resolver' must not be null");
        Assert.notNull(uncovered, "'uncovered' must not be null");
        this.resolver = resolver;
        this.observer = observer;
        this.uncovered = uncovered;
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
        return new CorsStep(this.resolver, this.observer, this.uncovered, logger);
    }

    /** The resolver that picks each request's policy. */
    public CorsPolicyResolver resolver() {
        return this.resolver;
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
        if (decision.refusal() != null && this.logger.isDebugEnabled()) {
            // The reason names the offending request value, made safe for a log line; the raw Origin never is.
            this.logger.debug("Refused CORS " + decision.kind() + " " + request.method() + " "
                    + request.path().value() + " (policy '" + policy.name() + "'): " + decision.reason(request));
        }
        return decision;
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
