package dev.fetchcors.autoconfigure.refresh;

import java.util.Set;

import dev.fetchcors.autoconfigure.CorsPolicies;
import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.policy.CorsAutoConfiguration;
import dev.fetchcors.autoconfigure.policy.PropertiesCorsPolicyResolver;
import dev.fetchcors.core.CorsConfig;
import dev.fetchcors.core.CorsPolicy;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;

import static org.assertj.core.api.Assertions.assertThat;

/** When the refresh support switches on, when it stays away, and what a refresh recompiles. */
class CorsRefreshAutoConfigurationTests {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CorsAutoConfiguration.class, CorsRefreshAutoConfiguration.class))
        .withPropertyValues("app.cors.allowed-origins=https://app.example.com");

    @Test
    void switchesOnWithSpringCloud() {
        this.runner.run((context) -> assertThat(context).hasSingleBean(CorsRefreshListener.class));
    }

    @Test
    void staysAwayWithoutSpringCloud() {
        this.runner.withClassLoader(new FilteredClassLoader(EnvironmentChangeEvent.class))
            .run((context) -> assertThat(context).doesNotHaveBean(CorsRefreshListener.class));
    }

    @Test
    void staysAwayWhenDisabled() {
        this.runner.withPropertyValues("app.cors.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(CorsRefreshListener.class));
    }

    @Test
    void leavesTheApplicationsOwnResolverAlone() {
        CorsPolicy policy = CorsPolicy.compile(CorsConfig.builder().allowedOrigins("https://tenant.example").build());
        this.runner.withBean(CorsPolicyResolver.class, () -> CorsPolicyResolver.of(policy))
            .run((context) -> assertThat(context).doesNotHaveBean(CorsRefreshListener.class)
                .doesNotHaveBean(PropertiesCorsPolicyResolver.class));
    }

    @Test
    void recompilesTheStartersOwnPolicies() {
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
