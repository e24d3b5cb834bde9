package dev.fetchcors.autoconfigure.servlet;

import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.judge.CorsJudge;
import dev.fetchcors.autoconfigure.judge.CorsJudgeConfiguration;
import dev.fetchcors.autoconfigure.judge.CorsRoutes;
import dev.fetchcors.autoconfigure.policy.CorsAutoConfiguration;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the servlet CORS filter: a {@link FetchCorsFilter} registered at
 * {@link FetchCorsFilter#DEFAULT_ORDER}, before Spring Security, for request and error dispatches.
 */
@AutoConfiguration(after = CorsAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(Filter.class)
@ConditionalOnBooleanProperty(name = "app.cors.enabled", matchIfMissing = true)
@Import(CorsJudgeConfiguration.class)
public final class CorsServletAutoConfiguration {

    // Not named "corsFilter": Spring Security looks a bean of that name up as its own CorsFilter.
    @Bean
    @ConditionalOnBean(CorsPolicyResolver.class)
    @ConditionalOnMissingBean(value = FetchCorsFilter.class, parameterizedContainer = FilterRegistrationBean.class)
    FilterRegistrationBean<FetchCorsFilter> fetchCorsFilterRegistration(CorsJudge judge,
            ObjectProvider<CorsServletGuard> guards) {
        return registration(new FetchCorsFilter(judge, guards.orderedStream().toList()));
    }

    /** The routes the actuator's check follows, as the filter does. */
    @Bean
    @ConditionalOnBean(CorsPolicyResolver.class)
    @ConditionalOnMissingBean(CorsRoutes.class)
    ServletRoutes corsRoutes() {
        return new ServletRoutes();
    }

    /** Per-path policies select as Spring MVC routes, or the application does not start. */
    @Bean
    @ConditionalOnBean(CorsPolicyResolver.class)
    @ConditionalOnClass(name = "org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping")
    static MvcRouterCheck corsMvcRouterCheck(ListableBeanFactory beanFactory,
            ObjectProvider<CorsPolicyResolver> resolver) {
        return new MvcRouterCheck(beanFactory, resolver);
    }

    /** Spring's own CorsFilters run under the starter's judgement, so that shadow mode sees what they answer. */
    @Bean
    static CorsFilterWitnesses corsFilterWitnesses(ListableBeanFactory beanFactory) {
        return new CorsFilterWitnesses(beanFactory);
    }

    /** In shadow mode, no filter of the application's may answer requests before the starter's filter sees them. */
    @Bean
    @ConditionalOnBean(CorsPolicyResolver.class)
    static ShadowSightCheck corsShadowSightCheck(ListableBeanFactory beanFactory,
            ObjectProvider<CorsPolicyResolver> resolver) {
        return new ShadowSightCheck(beanFactory, resolver);
    }

    /** Spring MVC's own CORS configuration, still present, is named once at startup, with or without a policy. */
    @Bean
    @ConditionalOnClass(name = "org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping")
    static LeftoverSpringCors corsLeftovers(ListableBeanFactory beanFactory) {
        return new LeftoverSpringCors(beanFactory);
    }

    /**
     * The registration of a CORS filter as the starter makes it: named {@code fetchCorsFilter}, at
     * {@link FetchCorsFilter#DEFAULT_ORDER}, for request and error dispatches.
     *
     * @param filter the filter
     * @return its registration
     */
    public static FilterRegistrationBean<FetchCorsFilter> registration(FetchCorsFilter filter) {
        FilterRegistrationBean<FetchCorsFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("fetchCorsFilter");
        registration.setOrder(FetchCorsFilter.DEFAULT_ORDER);
        // Error dispatches (error pages, 401/403 from security) carry the headers too; set, never added twice.
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }

}
