package dev.fetchcors.autoconfigure.reactive;

import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.judge.CorsJudge;
import dev.fetchcors.autoconfigure.judge.CorsJudgeConfiguration;
import dev.fetchcors.autoconfigure.policy.CorsAutoConfiguration;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.server.WebFilter;

/**
 * Auto-configuration of the reactive CORS filter: a {@link FetchCorsWebFilter} at
 * {@link FetchCorsWebFilter#DEFAULT_ORDER}, before Spring Security's {@code WebFilterChainProxy}.
 */
@AutoConfiguration(after = CorsAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass({ WebFilter.class, Mono.class })
@ConditionalOnBooleanProperty(name = "app.cors.enabled", matchIfMissing = true)
@Import(CorsJudgeConfiguration.class)
public final class CorsReactiveAutoConfiguration {

    @Bean
    @ConditionalOnBean(CorsPolicyResolver.class)
    @ConditionalOnMissingBean
    FetchCorsWebFilter fetchCorsWebFilter(CorsJudge judge, ObjectProvider<CorsReactiveGuard> guards) {
        return new FetchCorsWebFilter(judge, guards.orderedStream().toList());
    }

    /** Per-path policies select as Spring WebFlux routes. */
    @Bean
    @ConditionalOnBean(CorsPolicyResolver.class)
    static WebFluxRouterCheck corsWebFluxRouterCheck(ListableBeanFactory beanFactory,
            ObjectProvider<CorsPolicyResolver> resolver) {
        return new WebFluxRouterCheck(beanFactory, resolver);
    }

    /** Spring's own CorsWebFilters run under the starter's judgement, so that shadow mode sees what they answer. */
    @Bean
    static CorsWebFilterWitnesses corsWebFilterWitnesses(ListableBeanFactory beanFactory) {
        return new CorsWebFilterWitnesses(beanFactory);
    }

    /** In shadow mode, no filter of the application's may answer requests before the starter's filter sees them. */
    @Bean
    @ConditionalOnBean(CorsPolicyResolver.class)
    static ShadowSightCheck corsShadowSightCheck(ListableBeanFactory beanFactory,
            ObjectProvider<CorsPolicyResolver> resolver) {
        return new ShadowSightCheck(beanFactory, resolver);
    }

    /** Spring WebFlux's own CORS configuration, still present, is named once at startup, with or without a policy. */
    @Bean
    static LeftoverSpringCors corsLeftovers(ListableBeanFactory beanFactory) {
        return new LeftoverSpringCors(beanFactory);
    }

}
