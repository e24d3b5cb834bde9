package dev.fetchcors.autoconfigure.refresh;

import dev.fetchcors.autoconfigure.origins.CorsOriginSourceAutoConfiguration;
import dev.fetchcors.autoconfigure.origins.CorsOriginSources;
import dev.fetchcors.autoconfigure.policy.CorsAutoConfiguration;
import dev.fetchcors.autoconfigure.policy.PropertiesCorsPolicyResolver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of {@link CorsRefreshListener}, which applies changed {@code app.cors.*} properties without
 * a restart when Spring Cloud's context support ({@code spring-cloud-context}) is on the class path. An
 * application that picks policies with a {@code CorsPolicyResolver} of its own has no starter resolver to refresh.
 */
@AutoConfiguration(after = { CorsAutoConfiguration.class, CorsOriginSourceAutoConfiguration.class })
// By name, so that the condition holds when the class is read by reflection without Spring Cloud present.
@ConditionalOnClass(name = "org.springframework.cloud.context.environment.EnvironmentChangeEvent")
@ConditionalOnBean(PropertiesCorsPolicyResolver.class)
@ConditionalOnBooleanProperty(name = "app.cors.enabled", matchIfMissing = true)
public final class CorsRefreshAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CorsRefreshListener corsRefreshListener(PropertiesCorsPolicyResolver resolver,
            ObjectProvider<CorsOriginSources> originSources) {
        return new CorsRefreshListener(resolver, originSources.getIfAvailable());
    }

}
