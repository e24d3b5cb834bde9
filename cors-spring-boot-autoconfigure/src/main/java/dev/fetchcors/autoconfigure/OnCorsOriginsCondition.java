package dev.fetchcors.autoconfigure;

import java.util.List;

import dev.fetchcors.core.CorsPolicy;
import dev.fetchcors.core.OriginCheck;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when anything could allow an origin: {@code allowed-origins} in the default or a per-path policy, or an
 * {@link OriginCheck}, {@link CorsPolicy} or {@link CorsPolicyResolver} bean of the application. Otherwise says
 * once, at INFO, why no CORS filter is registered.
 */
final class OnCorsOriginsCondition extends SpringBootCondition implements ConfigurationCondition {

    private static final Log logger = LogFactory.getLog(OnCorsOriginsCondition.class);

    @Override
    public ConfigurationPhase getConfigurationPhase() {
        return ConfigurationPhase.REGISTER_BEAN;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        CorsProperties properties = Binder.get(context.getEnvironment())
            .bind("app.cors", CorsProperties.class)
            .orElseGet(CorsProperties::new);
        if (!properties.getAllowedOrigins().isEmpty()) {
            return ConditionOutcome.match("app.cors.allowed-origins is set");
        }
        for (CorsProperties.Policy policy : properties.getPolicies()) {
            List<String> origins = policy.getAllowedOrigins();
            if (origins != null && !origins.isEmpty()) {
                return ConditionOutcome.match("app.cors.policies[].allowed-origins is set");
            }
        }
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        if (beanFactory != null) {
            for (Class<?> type : List.of(OriginCheck.class, CorsPolicy.class)) {
                if (beanFactory.getBeanNamesForType(type, true, false).length > 0) {
                    return ConditionOutcome.match("found a " + type.getSimpleName() + " bean");
                }
            }
            for (String name : beanFactory.getBeanNamesForType(CorsPolicyResolver.class, true, false)) {
                if (!isOwnResolver(beanFactory, name)) {
                    return ConditionOutcome.match("found a CorsPolicyResolver bean");
                }
            }
        }
        logger.info("No CORS filter registered: no origin is allowed. Set app.cors.allowed-origins (or define an"
                + " OriginCheck, CorsPolicy or CorsPolicyResolver bean) to enable CORS, or set"
                + " app.cors.enabled=false to silence this message.");
        return ConditionOutcome.noMatch("no allowed origins in app.cors.* and no OriginCheck, CorsPolicy or"
                + " CorsPolicyResolver bean");
    }

    private static boolean isOwnResolver(ConfigurableListableBeanFactory beanFactory, String name) {
        if (!beanFactory.containsBeanDefinition(name)) {
            return false;
        }
        BeanDefinition definition = beanFactory.getBeanDefinition(name);
        return CorsAutoConfiguration.class.getName().equals(definition.getFactoryBeanName());
    }

}
