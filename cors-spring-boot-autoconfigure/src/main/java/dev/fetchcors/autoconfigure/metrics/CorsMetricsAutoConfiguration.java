package dev.fetchcors.autoconfigure.metrics;

import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.origins.CorsOriginSourceAutoConfiguration;
import dev.fetchcors.autoconfigure.origins.CorsOriginSources;
import dev.fetchcors.autoconfigure.policy.CorsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@value CorsDecisionMetrics#METRIC_NAME} counter, when Micrometer is on the class path
 * and the application has a {@link MeterRegistry}.
 */
// The registries are defined by Boot's metrics auto-configurations: on 4.0 in spring-boot-micrometer-metrics, on
// 3.5 in spring-boot-actuator-autoconfigure. Names absent from the running line are ignored.
@AutoConfiguration(after = { CorsAutoConfiguration.class, CorsOriginSourceAutoConfiguration.class }, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration" })
// Micrometer's types by name: an application without Micrometer may still import this class directly (a context
// runner, @ImportAutoConfiguration), and then the class is read by reflection, where a missing class literal
// would silently drop the condition and let the bean method's signature fail to load.
@ConditionalOnClass(name = CorsMetricsAutoConfiguration.METER_REGISTRY)
@ConditionalOnBean(type = CorsMetricsAutoConfiguration.METER_REGISTRY, value = CorsPolicyResolver.class)
@ConditionalOnBooleanProperty(name = "app.cors.enabled", matchIfMissing = true)
public final class CorsMetricsAutoConfiguration {

    static final String METER_REGISTRY = "io.micrometer.core.instrument.MeterRegistry";

    @Bean
    @ConditionalOnMissingBean
    CorsDecisionMetrics corsDecisionMetrics(MeterRegistry registry) {
        return new CorsDecisionMetrics(registry);
    }

    /** The origin sources' meters, registered once both exist. */
    @Bean
    @ConditionalOnBean(CorsOriginSources.class)
    static SmartInitializingSingleton corsOriginSourceMetrics(ObjectProvider<CorsOriginSources> sources,
            ObjectProvider<MeterRegistry> registry) {
        return () -> CorsOriginSourceMetrics.register(sources.getObject(), registry.getObject());
    }

}
