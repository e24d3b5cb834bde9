package dev.fetchcors.autoconfigure.metrics;

import dev.fetchcors.autoconfigure.CorsAutoConfiguration;
import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import io.micrometer.core.instrument.MeterRegistry;
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
@AutoConfiguration(after = CorsAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, CorsPolicyResolver.class })
@ConditionalOnBooleanProperty(name = "app.cors.enabled", matchIfMissing = true)
public final class CorsMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CorsDecisionMetrics corsDecisionMetrics(MeterRegistry registry) {
        return new CorsDecisionMetrics(registry);
    }

}
