package dev.fetchcors.autoconfigure.origins;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import dev.fetchcors.autoconfigure.CorsOriginSource;
import dev.fetchcors.autoconfigure.CorsProperties;
import dev.fetchcors.autoconfigure.InvalidCorsConfigurationException;
import dev.fetchcors.autoconfigure.policy.CorsAutoConfiguration;
import dev.fetchcors.autoconfigure.policy.PropertiesCorsPolicyResolver;
import dev.fetchcors.core.ConfigProblem;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Origins from a source ({@link CorsOriginSource}): the JDBC source of {@code app.cors.origin-source.query}, on the
 * application's {@code DataSource}, and the loader of every source, {@link CorsOriginSources}, which puts their
 * entries in force beside the configured origins at startup and every {@code app.cors.origin-source.refresh}.
 */
// The DataSource's auto-configurations, on Boot 4 and on Boot 3.5; names absent from the running line are ignored.
@AutoConfiguration(after = CorsAutoConfiguration.class,
        afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "app.cors.enabled", matchIfMissing = true)
public final class CorsOriginSourceAutoConfiguration {

    /** The name of the JDBC source, as logs, metrics and the actuator show it. */
    public static final String JDBC_SOURCE = "jdbc";

    @Bean(JDBC_SOURCE)
    @ConditionalOnProperty("app.cors.origin-source.query")
    CorsOriginSource corsJdbcOriginSource(ObjectProvider<DataSource> dataSource, CorsProperties properties) {
        CorsProperties.OriginSource settings = properties.getOriginSource();
        DataSource source = dataSource.getIfUnique();
        if (source == null) {
            throw new InvalidCorsConfigurationException(List.of(new ConfigProblem("app.cors.origin-source.query",
                    String.valueOf(settings.getQuery()), "the query runs on the application's DataSource, and there"
                            + " is no single DataSource bean.",
                    "add spring-boot-starter-jdbc and configure spring.datasource.*, or define a CorsOriginSource"
                            + " bean that reads the origins yourself.")));
        }
        check(settings);
        return new JdbcCorsOriginSource(source, settings.getQuery(), settings.getPolicy(), settings.getTimeout(),
                settings.getMaxRows(), settings.isAllowPatterns());
    }

    @Bean
    @ConditionalOnBean({ CorsOriginSource.class, PropertiesCorsPolicyResolver.class })
    CorsOriginSources corsOriginSources(ConfigurableListableBeanFactory beanFactory,
            PropertiesCorsPolicyResolver resolver, CorsProperties properties) {
        Map<String, CorsOriginSource> sources = new LinkedHashMap<>();
        for (String name : beanFactory.getBeanNamesForType(CorsOriginSource.class)) {
            sources.put(name, beanFactory.getBean(name, CorsOriginSource.class));
        }
        CorsProperties.OriginSource settings = properties.getOriginSource();
        check(settings);
        return new CorsOriginSources(sources, resolver, settings);
    }

    /** The bounds of a load must leave it room: zero or less would fail every load, or load without a pause. */
    private static void check(CorsProperties.OriginSource settings) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (settings.getRefresh().isNegative() || settings.getRefresh().isZero()) {
            problems.add(new ConfigProblem("app.cors.origin-source.refresh",
                    CorsOriginSources.describe(settings.getRefresh()),
                    "the sources are loaded again every 'refresh', which must be positive.",
                    "set a duration such as 30s."));
        }
        if (settings.getTimeout().isNegative() || settings.getTimeout().isZero()) {
            problems.add(new ConfigProblem("app.cors.origin-source.timeout",
                    CorsOriginSources.describe(settings.getTimeout()),
                    "a load that may take no time at all would always fail.",
                    "set a duration such as 10s: how long a load may take, getting a connection included."));
        }
        if (settings.getMaxRows() <= 0) {
            problems.add(new ConfigProblem("app.cors.origin-source.max-rows", String.valueOf(settings.getMaxRows()),
                    "a source may return at most max-rows entries, and this bound leaves it none.",
                    "set the most entries a source may return, such as 100000 (the default)."));
        }
        if (!problems.isEmpty()) {
            throw new InvalidCorsConfigurationException(problems);
        }
    }

}
