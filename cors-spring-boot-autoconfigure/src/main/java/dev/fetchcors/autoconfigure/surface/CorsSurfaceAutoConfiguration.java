package dev.fetchcors.autoconfigure.surface;

import dev.fetchcors.autoconfigure.judge.CorsJudge;
import dev.fetchcors.autoconfigure.judge.CorsRoutes;
import dev.fetchcors.autoconfigure.origins.CorsOriginSourceAutoConfiguration;
import dev.fetchcors.autoconfigure.reactive.CorsReactiveAutoConfiguration;
import dev.fetchcors.autoconfigure.servlet.CorsServletAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@link CorsSurveyor CORS surface}, on either web stack, wherever the CORS filter is:
 * the surveyor over the stack's handler mappings and the filter's judge, and the startup INFO line per policy.
 */
@AutoConfiguration(after = { CorsServletAutoConfiguration.class, CorsReactiveAutoConfiguration.class,
        CorsOriginSourceAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "app.cors.enabled", matchIfMissing = true)
public final class CorsSurfaceAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
    static class Servlet {

        @Bean
        @ConditionalOnBean(CorsJudge.class)
        @ConditionalOnMissingBean
        CorsSurveyor corsSurveyor(CorsJudge judge, ObjectProvider<CorsRoutes> routes, ApplicationContext context) {
            return new CorsSurveyor(judge, routes.getIfAvailable(() -> CorsRoutes.WITHIN_APPLICATION),
                    new ServletRouteSource(context));
        }

        @Bean
        @ConditionalOnBean(CorsJudge.class)
        CorsSurfaceLog corsSurfaceLog(CorsSurveyor surveyor) {
            return new CorsSurfaceLog(surveyor);
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.REACTIVE)
    @ConditionalOnClass(name = "org.springframework.web.reactive.DispatcherHandler")
    static class Reactive {

        @Bean
        @ConditionalOnBean(CorsJudge.class)
        @ConditionalOnMissingBean
        CorsSurveyor corsSurveyor(CorsJudge judge, ObjectProvider<CorsRoutes> routes, ApplicationContext context) {
            return new CorsSurveyor(judge, routes.getIfAvailable(() -> CorsRoutes.WITHIN_APPLICATION),
                    new ReactiveRouteSource(context));
        }

        @Bean
        @ConditionalOnBean(CorsJudge.class)
        CorsSurfaceLog corsSurfaceLog(CorsSurveyor surveyor) {
            return new CorsSurfaceLog(surveyor);
        }

    }

}
