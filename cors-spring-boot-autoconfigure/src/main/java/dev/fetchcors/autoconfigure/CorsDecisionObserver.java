package dev.fetchcors.autoconfigure;

import java.util.List;

import dev.fetchcors.core.CorsDecision;
import dev.fetchcors.core.CorsDifference;
import org.jspecify.annotations.Nullable;

/**
 * Told about every decision the web adapters apply, for example to count them. Both adapters call it once per
 * request that has a policy, right after the policy decided and before anything is written; a servlet error
 * dispatch, which applies the decision of the failed request again, is not reported twice.
 *
 * <pre>{@code
 * @Bean
 * CorsDecisionObserver refusedPreflights(AuditLog audit) {
 *     return (decision) -> {
 *         if (decision.kind() == CorsDecision.Kind.PREFLIGHT && !decision.isAllowed()) {
 *             audit.note(decision.refusal());
 *         }
 *     };
 * }
 * }</pre>
 *
 * <p>Every bean of this type is called, in {@link org.springframework.core.annotation.Order @Order}. It runs on the
 * request's thread for every request, {@link CorsDecision.Kind#NOT_CORS not-CORS} ones included, so it must be
 * fast, must not block and must not throw. When there is no observer the adapters do no work for it at all.
 *
 * <p>A policy in shadow mode decides too, but nothing it decides is applied ({@link CorsDecision#isShadow()}); where
 * a browser would reach another verdict on its answer than on the one the application sent, or on a candidate's
 * answer than on the enforced one, {@link #difference} is called as well.
 */
@FunctionalInterface
public interface CorsDecisionObserver {

    /**
     * Notes one decision.
     *
     * @param decision what the policy decided for the request
     */
    void observe(CorsDecision decision);

    /**
     * Notes one decision with what it was made for: the policy's name and the request, whose method, headers and
     * routed path an audit line names ({@code decision.reason(request)} says why, with the values the request sent).
     * The default calls {@link #observe(CorsDecision)}; {@link #withRequest} makes an observer of this one.
     *
     * @param decision what the policy decided for the request
     * @param policy the name of the policy that decided
     * @param request the request, as the policy saw it; valid during the call only
     */
    default void observe(CorsDecision decision, String policy, ServerCorsRequest request) {
        observe(decision);
    }

    /**
     * An observer told of each decision with its policy and request.
     *
     * <pre>{@code
     * CorsDecisionObserver audit = CorsDecisionObserver.withRequest((decision, policy, request) -> {
     *     if (!decision.isAllowed()) {
     *         log.info(policy + " " + request.path().value() + ": " + decision.reason(request));
     *     }
     * });
     * }</pre>
     *
     * @param observer what to call for each decision
     * @return the observer
     */
    static CorsDecisionObserver withRequest(RequestObserver observer) {
        return new CorsDecisionObserver() {

            @Override
            public void observe(CorsDecision decision) {
            }

            @Override
            public void observe(CorsDecision decision, String policy, ServerCorsRequest request) {
                observer.observe(decision, policy, request);
            }

        };
    }

    /** What {@link #withRequest} calls for each decision. */
    @FunctionalInterface
    interface RequestObserver {

        /**
         * Notes one decision.
         *
         * @param decision what the policy decided
         * @param policy the name of the policy
         * @param request the request, valid during the call only
         */
        void observe(CorsDecision decision, String policy, ServerCorsRequest request);

    }

    /**
     * Notes a difference found in shadow mode or by a candidate policy: called once per request where there is one,
     * after the response was written (shadow mode) or right after the decision (a candidate). The default does
     * nothing.
     *
     * @param policy the name of the policy
     * @param comparison what was compared
     * @param difference the kind of request, the verdict and what differs
     */
    default void difference(String policy, Comparison comparison, CorsDifference difference) {
    }

    /** What a difference compares. */
    enum Comparison {

        /** A policy in shadow mode, with the answer the application sent itself. */
        SHADOW,

        /** A policy's candidate ({@code app.cors.candidate.*}), with the policy's enforced answer. */
        CANDIDATE

    }

    /**
     * One observer that calls each of the given ones in turn.
     *
     * @param observers the observers, in order
     * @return the observer, or {@code null} when the list is empty
     */
    static @Nullable CorsDecisionObserver combine(List<? extends CorsDecisionObserver> observers) {
        if (observers.isEmpty()) {
            return null;
        }
        if (observers.size() == 1) {
            return observers.get(0);
        }
        CorsDecisionObserver[] all = observers.toArray(CorsDecisionObserver[]::new);
        return new CorsDecisionObserver() {

            @Override
            public void observe(CorsDecision decision) {
                for (CorsDecisionObserver observer : all) {
                    observer.observe(decision);
                }
            }

            @Override
            public void observe(CorsDecision decision, String policy, ServerCorsRequest request) {
                for (CorsDecisionObserver observer : all) {
                    observer.observe(decision, policy, request);
                }
            }

            @Override
            public void difference(String policy, Comparison comparison, CorsDifference difference) {
                for (CorsDecisionObserver observer : all) {
                    observer.difference(policy, comparison, difference);
                }
            }

        };
    }

}
