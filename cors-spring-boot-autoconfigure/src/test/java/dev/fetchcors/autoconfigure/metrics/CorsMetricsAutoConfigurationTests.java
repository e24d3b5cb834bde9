package dev.fetchcors.autoconfigure.metrics;

import dev.fetchcors.autoconfigure.policy.CorsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** When the metrics switch on, and when they stay away. */
class CorsMetricsAutoConfigurationTests {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CorsAutoConfiguration.class, CorsMetricsAutoConfiguration.class))
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withPropertyValues("app.cors.allowed-origins=https://app.example.com");

    @Test
    void switchOnWhenMicrometerAndARegistryArePresent() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(CorsDecisionMetrics.class);
            assertThat(context.getBean(MeterRegistry.class).get(CorsDecisionMetrics.METRIC_NAME).counters())
                .hasSize(8);
        });
    }

    @Test
    void stayAwayWithoutMicrometer() {
        this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
            .run((context) -> assertThat(context).doesNotHaveBean(CorsDecisionMetrics.class));
    }

    @Test
    void stayAwayWhenDisabled() {
        this.runner.withPropertyValues("app.cors.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(CorsDecisionMetrics.class));
    }

}
