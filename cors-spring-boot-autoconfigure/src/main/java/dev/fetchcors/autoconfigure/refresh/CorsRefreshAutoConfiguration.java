package dev.fetchcors.autoconfigure.refresh;

import dev.fetchcors.autoconfigure.CorsAutoConfiguration;
import dev.fetchcors.autoconfigure.CorsConfigCustomizer;
import dev.fetchcors.autoconfigure.CorsPoliciesFactory;
import dev.fetchcors.autoconfigure.CorsPoliciesResolver;
import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.core.CorsPolicy;
import dev.fetchcors.core.OriginCheck;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of {@link CorsPoliciesRefresher}, which applies changed {@code app.cors.*} properties without
 * a restart when Spring Cloud's context support ({@code spring-cloud-context}) is on the class path.
 */
@AutoConfiguration(after = CorsAutoConfiguration.class)
@ConditionalOnClass(EnvironmentChangeEvent.class)
@ConditionalOnBean(CorsPolicyResolver.class)
@ConditionalOnBooleanProperty(name = "app.cors.enabled", matchIfMissing = true)
public final class CorsRefreshAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CorsPoliciesRefresher corsPoliciesRefresher(Environment environment, CorsPolicyResolver resolver,
            ConfigurableListableBeanFactory beanFactory, ObjectProvider<CorsPolicy> defaultPolicy,
            ObjectProvider<OriginCheck> originCheck, ObjectProvider<CorsConfigCustomizer> customizers) {
        // The same inputs as the policies compiled at startup, so a refresh validates and customizes alike.
        CorsPoliciesFactory factory = new CorsPoliciesFactory(defaultPolicy.getIfUnique(), originCheck.getIfUnique(),
                customizers.orderedStream().toList());
        return new CorsPoliciesRefresher(environment, startersOwn(resolver, beanFactory), factory);
    }

    /** The resolver, if the starter built it from app.cors.*, rather than the application in code. */
    private static @Nullable CorsPoliciesResolver startersOwn(CorsPolicyResolver resolver,
            ConfigurableListableBeanFactory beanFactory) {
        if (!(resolver instanceof CorsPoliciesResolver policiesResolver)) {
            return null;
        }
        for (String name : beanFactory.getBeanNamesForType(CorsPolicyResolver.class)) {
            if (beanFactory.containsBeanDefinition(name)) {
                BeanDefinition definition = beanFactory.getBeanDefinition(name);
                if (CorsAutoConfiguration.class.getName().equals(definition.getFactoryBeanName())) {
                    return policiesResolver;
                }
            }
        }
        return null;
    }

}
