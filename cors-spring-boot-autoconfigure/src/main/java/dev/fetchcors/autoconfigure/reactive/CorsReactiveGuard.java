package dev.fetchcors.autoconfigure.reactive;

import java.util.List;

import dev.fetchcors.autoconfigure.judge.JudgedRequest;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

/**
 * What a feature that only some applications have (a gateway's sole CORS ownership) does on the reactive stack once
 * the {@link FetchCorsWebFilter} has judged a request and written its decision: it reads the judgement, never makes
 * one, and passes the exchange on through the chain, or answers it itself. The filter runs every guard bean, in
 * order, on every exchange it passes on (one no policy covers too).
 *
 * <pre>{@code
 * CorsReactiveGuard guard = (judged, exchange, chain) -> judged.isShadow() ? chain.filter(exchange)
 *         : chain.filter(exchange.mutate().response(new OwnedResponse(exchange.getResponse())).build());
 * }</pre>
 */
@FunctionalInterface
public interface CorsReactiveGuard {

    /**
     * Passes a judged exchange on, or answers it.
     *
     * @param judged the request as judged, with the policy and its decision ({@code null} when left alone)
     * @param exchange the exchange, with the decision's headers written
     * @param chain the rest of the filter chain
     * @return the completion of the exchange
     */
    Mono<Void> filter(JudgedRequest judged, ServerWebExchange exchange, WebFilterChain chain);

    /**
     * One guard that runs the given ones in turn, each passing the exchange on to the next.
     *
     * @param guards the guards, in order
     * @return the guard, or {@code null} when there is none
     */
    static @Nullable CorsReactiveGuard combine(List<CorsReactiveGuard> guards) {
        if (guards.isEmpty()) {
            return null;
        }
        if (guards.size() == 1) {
            return guards.get(0);
        }
        CorsReactiveGuard first = guards.get(0);
        CorsReactiveGuard rest = combine(guards.subList(1, guards.size()));
        return (judged, exchange, chain) -> first.filter(judged, exchange,
                (next) -> rest.filter(judged, next, chain));
    }

}
