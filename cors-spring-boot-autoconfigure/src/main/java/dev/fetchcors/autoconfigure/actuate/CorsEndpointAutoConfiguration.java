package dev.fetchcors.autoconfigure.actuate;

import dev.fetchcors.autoconfigure.judge.CorsJudge;
import dev.fetchcors.autoconfigure.judge.CorsRoutes;
import dev.fetchcors.autoconfigure.origins.CorsOriginSourceAutoConfiguration;
import dev.fetchcors.autoconfigure.origins.CorsOriginSources;
import dev.fetchcors.autoconfigure.policy.CorsAutoConfiguration;
import dev.fetchcors.autoconfigure.reactive.CorsReactiveAutoConfiguration;
import dev.fetchcors.autoconfigure.servlet.CorsServletAutoConfiguration;
import dev.fetchcors.autoconfigure.surface.CorsSurfaceAutoConfiguration;
import dev.fetchcors.autoconfigure.surface.CorsSurveyor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link CorsEndpoint cors actuator endpoint}, when the actuator is on the class path.
 * Like every endpoint but {@code health}, it is reachable over HTTP only once exposed:
 * {@code management.endpoints.web.exposure.include=cors}.
 */
@AutoConfiguration(after = { CorsAutoConfiguration.class, CorsOriginSourceAutoConfiguration.class,
        CorsServletAutoConfiguration.class, CorsReactiveAutoConfiguration.class, CorsSurfaceAutoConfiguration.class })
// By name, so that the condition holds when the class is read by reflection without the actuator present.
@ConditionalOnClass(name = { "org.springframework.boot.actuate.endpoint.annotation.Endpoint",
        "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint" })
@ConditionalOnBooleanProperty(name = "app.cors.enabled", matchIfMissing = true)
public final class CorsEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(CorsJudge.class)
    @ConditionalOnAvailableEndpoint
    CorsEndpoint corsEndpoint(CorsJudge judge, ObjectProvider<CorsRoutes> routes,
            ObjectProvider<CorsOriginSources> originSources, ObjectProvider<CorsSurveyor> surveyor) {
        // The filter's own judge and the application's routes, so that a check answers as the filter does.
        return new CorsEndpoint(judge, routes.getIfAvailable(() -> CorsRoutes.WITHIN_APPLICATION),
                originSources.getIfAvailable(), surveyor.getIfAvailable());
    }

}
