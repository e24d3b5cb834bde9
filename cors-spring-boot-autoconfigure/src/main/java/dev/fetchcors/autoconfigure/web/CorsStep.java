package dev.fetchcors.autoconfigure.web;

import dev.fetchcors.autoconfigure.CorsDecisionObserver;
import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.NamedCorsPolicy;
import dev.fetchcors.autoconfigure.ServerCorsRequest;
import dev.fetchcors.core.CorsDecision;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * What both web adapters do with a request, in one place: pick its policy, let the policy decide, tell the observer,
 * and say at DEBUG why a request was refused. The servlet {@code Filter} and the reactive {@code WebFilter} only
 * read the request into a {@link ServerCorsRequest} before, and write the decision into the response after.
 *
 * <pre>{@code
 * FetchCorsFilter filter = new FetchCorsFilter(new CorsStep(resolver, observer, null));
 *
 * // in an adapter:
 * CorsDecision decision = this.step.decide(view, false);
 * if (decision == null) {
 *     // no policy: pass the request on untouched
 * }
 * }</pre>
 *
 * <p>A deployment that answers for requests no policy covers (a gateway, which refuses their preflights at the
 * edge) gives a fallback policy; everywhere else such requests are left alone. Thread-safe; it holds no state of
 * its own per request.
 */
public final class CorsStep {

    private final CorsPolicyResolver resolver;

    private final @Nullable CorsDecisionObserver observer;

    private final @Nullable NamedCorsPolicy fallback;

    private final Log logger;

    /**
     * A step.
     *
     * @param resolver picks the policy for each request
     * @param observer told about each decision, or {@code null}
     * @param fallback the policy for requests the resolver leaves alone, or {@code null} to leave them alone
     */
    public CorsStep(CorsPolicyResolver resolver, @Nullable CorsDecisionObserver observer,
            @Nullable NamedCorsPolicy fallback) {
        this(resolver, observer, fallback, LogFactory.getLog(CorsStep.class));
    }

    private CorsStep(CorsPolicyResolver resolver, @Nullable CorsDecisionObserver observer,
            @Nullable NamedCorsPolicy fallback, Log logger) {
        Assert.notNull(resolver, "'resolver' must not be null");
        this.resolver = resolver;
        this.observer = observer;
        this.fallback = fallback;
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
        return new CorsStep(this.resolver, this.observer, this.fallback, logger);
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
        if (policy == null) {
            policy = this.fallback;
            if (policy == null) {
                return null;
            }
        }
        CorsDecision decision = policy.policy().evaluate(request);
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

}
