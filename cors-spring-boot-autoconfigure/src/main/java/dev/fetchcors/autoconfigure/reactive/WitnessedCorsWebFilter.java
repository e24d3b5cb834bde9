package dev.fetchcors.autoconfigure.reactive;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

/**
 * Spring's {@code CorsWebFilter}, where the application declared one, run under the starter's judgement
 * ({@link FetchCorsWebFilter#witness}): with an {@code @Order} of its own it may sort first and answer preflights
 * and refuse origins without passing them on, where shadow mode and candidate policies would never see them. It is
 * still a {@code CorsWebFilter} to whoever reads the bean, and keeps the order its declaration gives it.
 */
final class WitnessedCorsWebFilter extends CorsWebFilter {

    private final CorsWebFilter watched;

    private final Supplier<@Nullable FetchCorsWebFilter> adapter;

    WitnessedCorsWebFilter(CorsWebFilter watched, Supplier<@Nullable FetchCorsWebFilter> adapter) {
        super((exchange) -> null);
        this.watched = watched;
        this.adapter = adapter;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        FetchCorsWebFilter adapter = this.adapter.get();
        return (adapter != null) ? adapter.witness(this.watched, exchange, chain)
                : this.watched.filter(exchange, chain);
    }

}
