package dev.fetchcors.autoconfigure;

import dev.fetchcors.autoconfigure.metrics.CorsDecisionMetrics;
import dev.fetchcors.autoconfigure.metrics.CorsMetricsAutoConfiguration;
import dev.fetchcors.autoconfigure.refresh.CorsPoliciesRefresher;
import dev.fetchcors.autoconfigure.refresh.CorsRefreshAutoConfiguration;
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
            assertThat(context).hasSingleBean(CorsDecisionMetrics.class).hasSingleBean(CorsPoliciesRefresher.class);
            assertThat(context.getBean(MeterRegistry.class).get(CorsDecisionMetrics.METRIC_NAME).counters())
                .hasSize(6);
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
            .run((context) -> assertThat(context).doesNotHaveBean(CorsPoliciesRefresher.class));
    }

    @Test
    void nothingSwitchesOnWhenDisabled() {
        this.runner.withPropertyValues("app.cors.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(CorsDecisionMetrics.class)
                .doesNotHaveBean(CorsPoliciesRefresher.class));
    }

    @Test
    void refreshLeavesTheApplicationsOwnResolverAlone() {
        CorsPolicy policy = CorsPolicy.compile(CorsConfig.builder().allowedOrigins("https://tenant.example").build());
        this.runner.withBean(CorsPolicyResolver.class, () -> CorsPolicyResolver.of(policy)).run((context) -> {
            assertThat(context.getBean(CorsPoliciesRefresher.class).refresh()).isFalse();
            assertThat(context.getBean(CorsPolicyResolver.class).resolve("/", null)).isSameAs(policy);
        });
    }

    @Test
    void refreshRecompilesTheStartersOwnPolicies() {
        this.runner.run((context) -> {
            CorsPoliciesResolver resolver = context.getBean(CorsPoliciesResolver.class);
            CorsPolicies before = resolver.policies();
            assertThat(context.getBean(CorsPoliciesRefresher.class).refresh()).isTrue();
            assertThat(resolver.policies()).isNotSameAs(before);
            assertThat(resolver.policies().defaultPolicy().config().allowedOrigins())
                .containsExactly("https://app.example.com");
        });
    }

}
