package dev.fetchcors.autoconfigure;

import dev.fetchcors.autoconfigure.metrics.CorsDecisionMetrics;
import dev.fetchcors.autoconfigure.metrics.CorsMetricsAutoConfiguration;
import dev.fetchcors.autoconfigure.refresh.CorsRefreshListener;
import dev.fetchcors.autoconfigure.refresh.CorsRefreshAutoConfiguration;
import java.util.Set;

import dev.fetchcors.core.CorsConfig;
import dev.fetchcors.core.CorsPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;

import static org.assertj.core.api.Assertions.assertThat;

/** When the metrics and the refresh support switch on, and when they stay away. */
class OperationsAutoConfigurationTests {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CorsAutoConfiguration.class, CorsMetricsAutoConfiguration.class,
                CorsRefreshAutoConfiguration.class))
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withPropertyValues("app.cors.allowed-origins=https://app.example.com");

    @Test
    void switchOnWhenTheirLibrariesAndBeansArePresent() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(CorsDecisionMetrics.class).hasSingleBean(CorsRefreshListener.class);
            assertThat(context.getBean(MeterRegistry.class).get(CorsDecisionMetrics.METRIC_NAME).counters())
                .hasSize(8);
        });
    }

    @Test
    void metricsStayAwayWithoutMicrometer() {
        this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
            .run((context) -> assertThat(context).doesNotHaveBean(CorsDecisionMetrics.class));
    }

    @Test
    void refreshStaysAwayWithoutSpringCloud() {
        this.runner.withClassLoader(new FilteredClassLoader(EnvironmentChangeEvent.class))
            .run((context) -> assertThat(context).doesNotHaveBean(CorsRefreshListener.class));
    }

    @Test
    void nothingSwitchesOnWhenDisabled() {
        this.runner.withPropertyValues("app.cors.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(CorsDecisionMetrics.class)
                .doesNotHaveBean(CorsRefreshListener.class));
    }

    @Test
    void refreshLeavesTheApplicationsOwnResolverAlone() {
        CorsPolicy policy = CorsPolicy.compile(CorsConfig.builder().allowedOrigins("https://tenant.example").build());
        this.runner.withBean(CorsPolicyResolver.class, () -> CorsPolicyResolver.of(policy))
            .run((context) -> assertThat(context).doesNotHaveBean(CorsRefreshListener.class)
                .doesNotHaveBean(PropertiesCorsPolicyResolver.class));
    }

    @Test
    void refreshRecompilesTheStartersOwnPolicies() {
        this.runner.run((context) -> {
            PropertiesCorsPolicyResolver resolver = context.getBean(PropertiesCorsPolicyResolver.class);
            CorsPolicies before = resolver.policies();
            context.publishEvent(new EnvironmentChangeEvent(context, Set.of("app.cors.allowed-origins")));
            assertThat(resolver.policies()).isNotSameAs(before);
            assertThat(resolver.policies().defaultPolicy().policy().config().allowedOrigins())
                .containsExactly("https://app.example.com");
            CorsPolicies after = resolver.policies();
            context.publishEvent(new EnvironmentChangeEvent(context, Set.of("server.port")));
            assertThat(resolver.policies()).isSameAs(after);
        });
    }

}
