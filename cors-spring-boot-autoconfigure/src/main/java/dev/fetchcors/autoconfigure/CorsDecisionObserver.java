package dev.fetchcors.autoconfigure;

import java.util.List;

import dev.fetchcors.core.CorsDecision;
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
        return (decision) -> {
            for (CorsDecisionObserver observer : all) {
                observer.observe(decision);
            }
        };
    }

}
