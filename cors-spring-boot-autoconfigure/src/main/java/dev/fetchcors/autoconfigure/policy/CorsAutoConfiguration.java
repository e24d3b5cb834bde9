package dev.fetchcors.autoconfigure.policy;

import dev.fetchcors.autoconfigure.CorsConfigCustomizer;
import dev.fetchcors.autoconfigure.CorsConfigValidator;
import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.CorsProperties;
import dev.fetchcors.core.CorsPolicy;
import dev.fetchcors.core.OriginCheck;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Auto-configuration of the CORS policies: binds {@code app.cors.*}, compiles every policy at startup (a mistake
 * stops the application) and exposes them through the starter's {@link CorsPolicyResolver}, unless the
 * application defines its own. The web adapters, registered by
 * {@link dev.fetchcors.autoconfigure.servlet.CorsServletAutoConfiguration} and
 * {@link dev.fetchcors.autoconfigure.reactive.CorsReactiveAutoConfiguration}, follow the resolver: without one,
 * none is registered.
 */
@AutoConfiguration
@EnableConfigurationProperties(CorsProperties.class)
@ConditionalOnWebApplication
@ConditionalOnClass(PathPattern.class)
@ConditionalOnBooleanProperty(name = "app.cors.enabled", matchIfMissing = true)
public final class CorsAutoConfiguration {

    private static final Log logger = LogFactory.getLog(CorsAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean(CorsPolicyResolver.class)
    @ConditionalOnCorsOrigins
    PropertiesCorsPolicyResolver corsPolicyResolver(CorsProperties properties, Environment environment,
            ObjectProvider<CorsPolicy> defaultPolicy, ObjectProvider<OriginCheck> originCheck,
            ObjectProvider<CorsConfigCustomizer> customizers, ObjectProvider<CorsConfigValidator> validators) {
        CorsPoliciesCompiler compiler = new CorsPoliciesCompiler(defaultPolicy.getIfUnique(),
                originCheck.getIfUnique(), customizers.orderedStream().toList(), validators.orderedStream().toList());
        PropertiesCorsPolicyResolver resolver = new PropertiesCorsPolicyResolver(compiler, environment, properties);
        logger.info("CORS policies in force:" + System.lineSeparator() + resolver.policies());
        if (logger.isDebugEnabled()) {
            logger.debug("CORS origin wildcards are checked against the Public Suffix List of "
                    + CorsPolicy.publicSuffixListVersion());
        }
        return resolver;
    }

    /** Where no policy is compiled from the properties, a mistyped key is still refused at startup. */
    @Bean
    @ConditionalOnMissingBean(PropertiesCorsPolicyResolver.class)
    UnknownCorsKeys corsUnknownKeys(Environment environment) {
        return new UnknownCorsKeys(environment);
    }

}
