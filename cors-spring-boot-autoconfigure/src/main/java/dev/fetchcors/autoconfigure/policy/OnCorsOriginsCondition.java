package dev.fetchcors.autoconfigure.policy;

import java.util.List;

import dev.fetchcors.autoconfigure.CorsOriginSource;
import dev.fetchcors.autoconfigure.CorsPolicyProperties;
import dev.fetchcors.autoconfigure.CorsProperties;
import dev.fetchcors.core.CorsPolicy;
import dev.fetchcors.core.OriginCheck;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when anything could allow an origin: {@code allowed-origins} in the default or a per-path policy,
 * {@code origin-source.query}, or an {@link OriginCheck}, {@link CorsOriginSource} or {@link CorsPolicy} bean of the
 * application. Otherwise says once, at INFO, why no CORS
 * filter is registered. Evaluated after the other conditions of the bean it guards, so that it says nothing when
 * the application has a {@link CorsPolicyResolver} of its own.
 */
@Order(Ordered.LOWEST_PRECEDENCE)
final class OnCorsOriginsCondition extends SpringBootCondition implements ConfigurationCondition {

    private static final Log logger = LogFactory.getLog(OnCorsOriginsCondition.class);

    private static boolean hasOrigins(CorsPolicyProperties settings) {
        List<String> origins = settings.getAllowedOrigins();
        return origins != null && !origins.isEmpty();
    }

    @Override
    public ConfigurationPhase getConfigurationPhase() {
        return ConfigurationPhase.REGISTER_BEAN;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        CorsProperties properties = Binder.get(context.getEnvironment())
            .bind(CorsProperties.PREFIX, CorsProperties.class)
            .orElseGet(CorsProperties::new);
        if (hasOrigins(properties)) {
            return ConditionOutcome.match("app.cors.allowed-origins is set");
        }
        for (CorsProperties.Policy policy : properties.getPolicies()) {
            if (hasOrigins(policy)) {
                return ConditionOutcome.match("app.cors.policies[].allowed-origins is set");
            }
        }
        if (properties.getOriginSource().getQuery() != null) {
            return ConditionOutcome.match("app.cors.origin-source.query is set");
        }
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        if (beanFactory != null) {
            for (Class<?> type : List.of(OriginCheck.class, CorsPolicy.class, CorsOriginSource.class)) {
                if (beanFactory.getBeanNamesForType(type, true, false).length > 0) {
                    return ConditionOutcome.match("found a " + type.getSimpleName() + " bean");
                }
            }
        }
        logger.info("No CORS filter registered: no origin is allowed. Set app.cors.allowed-origins or"
                + " app.cors.origin-source.query (or define an OriginCheck, CorsOriginSource, CorsPolicy or"
                + " CorsPolicyResolver bean) to enable CORS, or set app.cors.enabled=false to silence this message.");
        return ConditionOutcome.noMatch("no allowed origins in app.cors.* and no OriginCheck, CorsOriginSource or"
                + " CorsPolicy bean");
    }

}
