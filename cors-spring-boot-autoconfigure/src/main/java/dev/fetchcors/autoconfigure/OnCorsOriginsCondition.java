package dev.fetchcors.autoconfigure;

import java.util.List;

import dev.fetchcors.core.CorsPolicy;
import dev.fetchcors.core.OriginCheck;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
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
        Binder binder = Binder.get(context.getEnvironment());
        if (!binder.bind("app.cors.allowed-origins", Bindable.listOf(String.class)).orElse(List.of()).isEmpty()) {
            return ConditionOutcome.match("app.cors.allowed-origins is set");
        }
        for (PolicyOrigins policy : binder.bind("app.cors.policies", Bindable.listOf(PolicyOrigins.class))
            .orElse(List.of())) {
            if (policy.getAllowedOrigins() != null && !policy.getAllowedOrigins().isEmpty()) {
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

    /** Binds only the origins of a per-path policy, ignoring its other settings. */
    static final class PolicyOrigins {

        private @Nullable List<String> allowedOrigins;

        public @Nullable List<String> getAllowedOrigins() {
            return this.allowedOrigins;
        }

        public void setAllowedOrigins(@Nullable List<String> allowedOrigins) {
            this.allowedOrigins = allowedOrigins;
        }

    }

}
