package dev.fetchcors.autoconfigure.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.fetchcors.autoconfigure.CorsConfigCustomizer;
import dev.fetchcors.autoconfigure.CorsConfigValidator;
import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.CorsProperties;
import dev.fetchcors.autoconfigure.InvalidCorsConfigurationException;
import dev.fetchcors.core.ConfigProblem;
import dev.fetchcors.core.CorsPolicy;
import dev.fetchcors.core.OriginCheck;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
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
            ConfigurableListableBeanFactory beanFactory,
            ObjectProvider<CorsConfigCustomizer> customizers, ObjectProvider<CorsConfigValidator> validators) {
        List<ConfigProblem> ambiguous = new ArrayList<>();
        CorsPolicy policy = unique(beanFactory, CorsPolicy.class, ambiguous);
        OriginCheck check = unique(beanFactory, OriginCheck.class, ambiguous);
        if (!ambiguous.isEmpty()) {
            throw new InvalidCorsConfigurationException(ambiguous);
        }
        CorsPoliciesCompiler compiler = new CorsPoliciesCompiler(policy, check, customizers.orderedStream().toList(),
                validators.orderedStream().toList());
        PropertiesCorsPolicyResolver resolver = new PropertiesCorsPolicyResolver(compiler, environment, properties);
        logger.info("CORS policies in force:" + System.lineSeparator() + resolver.policies());
        if (logger.isDebugEnabled()) {
            logger.debug("CORS origin wildcards are checked against the Public Suffix List of "
                    + CorsPolicy.publicSuffixListVersion());
        }
        return resolver;
    }

    /**
     * The one bean of a type the starter takes a single one of, or {@code null}; several, none of them primary, are
     * a problem: taking none, or any one, would leave the others ignored in silence.
     */
    private static <T> @Nullable T unique(ConfigurableListableBeanFactory beanFactory, Class<T> type,
            List<ConfigProblem> problems) {
        String[] names = beanFactory.getBeanNamesForType(type, true, false);
        if (names.length == 1) {
            return beanFactory.getBean(names[0], type);
        }
        List<String> primary = Arrays.stream(names)
            .filter((name) -> beanFactory.containsBeanDefinition(name) && beanFactory.getBeanDefinition(name).isPrimary())
            .toList();
        if (primary.size() == 1) {
            return beanFactory.getBean(primary.get(0), type);
        }
        if (names.length > 1) {
            problems.add(new ConfigProblem(type.getSimpleName() + " beans", String.join(", ", names),
                    "the starter takes one " + type.getSimpleName() + " bean, and would ignore the others.",
                    "keep one (combine them in one bean), or mark the one to use @Primary."));
        }
        return null;
    }

    /** Where no policy is compiled from the properties, a mistyped key is still refused at startup. */
    @Bean
    @ConditionalOnMissingBean(PropertiesCorsPolicyResolver.class)
    UnknownCorsKeys corsUnknownKeys(Environment environment) {
        return new UnknownCorsKeys(environment);
    }

}
