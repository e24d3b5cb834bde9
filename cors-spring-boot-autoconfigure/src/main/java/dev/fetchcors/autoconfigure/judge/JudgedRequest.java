package dev.fetchcors.autoconfigure.judge;

import dev.fetchcors.autoconfigure.NamedCorsPolicy;
import dev.fetchcors.autoconfigure.ServerCorsRequest;
import dev.fetchcors.core.CorsDecision;
import org.jspecify.annotations.Nullable;

/**
 * A request and the judgement {@link CorsJudge} made of it, once: the policy that applies, its decision and its
 * candidate's. The web adapters' views of a request are judged requests, so the judgement travels with the request
 * at no cost of its own, and everything after the decision (the adapter writing the headers, a gateway's guard, the
 * SockJS guard, the shadow comparison, metrics and logs) reads it here instead of resolving the policy again.
 *
 * <pre>{@code
 * judge.judge(view, false);
 * if (view.decision() == null) {
 *     // no policy covers the request: pass it on untouched
 * }
 * }</pre>
 */
public abstract class JudgedRequest implements ServerCorsRequest {

    private @Nullable NamedCorsPolicy policy;

    private @Nullable CorsDecision decision;

    private @Nullable CorsDecision candidate;

    void judged(@Nullable NamedCorsPolicy policy, @Nullable CorsDecision decision, @Nullable CorsDecision candidate) {
        this.policy = policy;
        this.decision = decision;
        this.candidate = candidate;
    }

    /**
     * The policy that judged the request ({@code none} for one no policy covers, where such requests are judged),
     * or {@code null} when the request is left alone.
     */
    public final @Nullable NamedCorsPolicy policy() {
        return this.policy;
    }

    /** The policy's name, {@code none} when no policy judged the request. */
    public final String policyName() {
        NamedCorsPolicy policy = this.policy;
        return (policy != null) ? policy.name() : CorsJudge.NONE.name();
    }

    /** The policy's decision, or {@code null} when the request is left alone (passed on untouched). */
    public final @Nullable CorsDecision decision() {
        return this.decision;
    }

    /** The decision of the policy's candidate, compared and never applied, or {@code null}. */
    public final @Nullable CorsDecision candidateDecision() {
        return this.candidate;
    }

    /** Whether the decision is one of shadow mode: then nothing of the starter's may change the response. */
    public final boolean isShadow() {
        CorsDecision decision = this.decision;
        return decision != null && decision.isShadow();
    }

    /** Whether the request is a WebSocket handshake, as the policy judged it. */
    public final boolean isHandshake() {
        CorsDecision decision = this.decision;
        return decision != null && decision.kind() == CorsDecision.Kind.WEBSOCKET;
    }

}
