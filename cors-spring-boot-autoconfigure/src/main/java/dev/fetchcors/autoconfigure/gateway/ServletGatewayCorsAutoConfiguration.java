package dev.fetchcors.autoconfigure.gateway;

import dev.fetchcors.autoconfigure.CorsConfigValidator;
import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.judge.CorsJudge.Uncovered;
import dev.fetchcors.autoconfigure.policy.CorsAutoConfiguration;
import dev.fetchcors.autoconfigure.servlet.CorsServletAutoConfiguration;
import dev.fetchcors.autoconfigure.servlet.FetchCorsFilter;
import dev.fetchcors.core.CorsHeaders;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.cloud.gateway.server.mvc.common.MvcUtils;
import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter.RequestHttpHeadersFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;

/**
 * The starter as the single CORS owner of a Spring Cloud Gateway Server MVC, which has no CORS support of its own:
 * its {@link FetchCorsFilter} answers preflights at the edge, also for requests no policy covers, a
 * {@link SoleCorsOwnerFilter} right after it drops, for everything after it in the chain, every CORS header that a
 * route's service (or a gateway filter) sends, preflight passthrough is refused at startup, and, with
 * {@code app.cors.gateway.forward-origin=false}, the services behind the gateway no longer see {@code Origin} and
 * {@code Access-Control-Request-*}.
 */
@AutoConfiguration(after = CorsAutoConfiguration.class, before = CorsServletAutoConfiguration.class,
        afterName = SpringCloudGateway.MVC)
@ConditionalOnWebApplication(type = Type.SERVLET)
// By name: the class is read only where the gateway is, even when imported directly.
@ConditionalOnClass(name = { SpringCloudGateway.MVC,
        "org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter" })
@ConditionalOnProperty(name = { "app.cors.enabled", SpringCloudGateway.CORS_GATEWAY_ENABLED,
        SpringCloudGateway.MVC_ENABLED }, havingValue = "true", matchIfMissing = true)
public final class ServletGatewayCorsAutoConfiguration {

    /** Requests no policy covers are refused: their preflights are answered at the edge, never forwarded. */
    @Bean
    Uncovered corsUncoveredRequests() {
        return Uncovered.REFUSED;
    }

    @Bean
    @ConditionalOnBean(CorsPolicyResolver.class)
    SoleCorsOwnerFilter corsSoleOwnerFilter(CorsPolicyResolver resolver) {
        return new SoleCorsOwnerFilter(new SoleCorsOwner<>(
                (request) -> (request.getAttribute(MvcUtils.GATEWAY_ROUTE_ID_ATTR) instanceof String route) ? route
                        : null, resolver));
    }

    @Bean
    CorsConfigValidator corsGatewayPassthroughValidator() {
        return SoleCorsOwner.PASSTHROUGH_REFUSED;
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "app.cors.gateway.forward-origin", havingValue = false)
    RequestHttpHeadersFilter corsRequestHeadersFilter() {
        return (input, request) -> {
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
