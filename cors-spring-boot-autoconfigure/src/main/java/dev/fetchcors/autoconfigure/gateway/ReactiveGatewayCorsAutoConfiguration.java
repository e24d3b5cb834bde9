package dev.fetchcors.autoconfigure.gateway;

import dev.fetchcors.autoconfigure.CorsConfigValidator;
import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.judge.CorsJudge.Uncovered;
import dev.fetchcors.autoconfigure.policy.CorsAutoConfiguration;
import dev.fetchcors.autoconfigure.reactive.CorsReactiveAutoConfiguration;
import dev.fetchcors.autoconfigure.reactive.FetchCorsWebFilter;
import dev.fetchcors.core.CorsHeaders;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;

/**
 * The starter as the single CORS owner of a Spring Cloud Gateway Server WebFlux: its {@link FetchCorsWebFilter}
 * answers preflights at the edge, also for requests no policy covers, a {@link SoleCorsOwnerWebFilter} right after
 * it removes every CORS header that a route's service (or a gateway filter) sends, preflight passthrough is refused
 * at startup, and, with {@code app.cors.gateway.forward-origin=false}, the services behind the gateway no longer see
 * {@code Origin} and {@code Access-Control-Request-*}.
 */
@AutoConfiguration(after = CorsAutoConfiguration.class, before = CorsReactiveAutoConfiguration.class,
        afterName = SpringCloudGateway.WEBFLUX)
@ConditionalOnWebApplication(type = Type.REACTIVE)
// By name: the class is read only where the gateway is, even when imported directly.
@ConditionalOnClass(name = { SpringCloudGateway.WEBFLUX,
        "org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter" })
@ConditionalOnProperty(name = { "app.cors.enabled", SpringCloudGateway.CORS_GATEWAY_ENABLED,
        SpringCloudGateway.WEBFLUX_ENABLED }, havingValue = "true", matchIfMissing = true)
public final class ReactiveGatewayCorsAutoConfiguration {

    /** Requests no policy covers are refused: their preflights are answered at the edge, never forwarded. */
    @Bean
    Uncovered corsUncoveredRequests() {
        return Uncovered.REFUSED;
    }

    @Bean
    @ConditionalOnBean(CorsPolicyResolver.class)
    SoleCorsOwnerWebFilter corsSoleOwnerWebFilter(CorsPolicyResolver resolver) {
        return new SoleCorsOwnerWebFilter(new SoleCorsOwner<>(
                (exchange) -> (exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR) instanceof Route route)
                        ? route.getId() : null, resolver));
    }

    @Bean
    CorsConfigValidator corsGatewayPassthroughValidator() {
        return SoleCorsOwner.PASSTHROUGH_REFUSED;
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "app.cors.gateway.forward-origin", havingValue = false)
    HttpHeadersFilter corsRequestHeadersFilter() {
        return (input, exchange) -> {
            HttpHeaders forwarded = new HttpHeaders();
            input.forEach((name, values) -> {
                if (!CorsHeaders.isRequestHeader(name)) {
                    values.forEach((value) -> forwarded.add(name, value));
                }
            });
            return forwarded;
        };
    }

}
