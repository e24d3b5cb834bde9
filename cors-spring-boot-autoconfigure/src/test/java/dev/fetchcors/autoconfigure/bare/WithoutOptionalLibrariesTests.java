package dev.fetchcors.autoconfigure.bare;

import java.util.List;

import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.reactive.FetchCorsWebFilter;
import dev.fetchcors.autoconfigure.surface.CorsSurveyor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every auto-configuration of the starter, imported directly (as a context runner or
 * {@code @ImportAutoConfiguration} does, so that no import filter reads their conditions first), on a class path
 * without Micrometer, the actuator, Spring Cloud and its gateways, Spring's WebSocket support, and Spring's JDBC support with its pool and database: run by its own surefire execution, which removes them.
 */
class WithoutOptionalLibrariesTests {

    private static final List<String> AUTO_CONFIGURATIONS = List.of(
            "dev.fetchcors.autoconfigure.policy.CorsAutoConfiguration",
            "dev.fetchcors.autoconfigure.origins.CorsOriginSourceAutoConfiguration",
            "dev.fetchcors.autoconfigure.reactive.CorsReactiveAutoConfiguration",
            "dev.fetchcors.autoconfigure.servlet.CorsServletAutoConfiguration",
            "dev.fetchcors.autoconfigure.gateway.ReactiveGatewayCorsAutoConfiguration",
            "dev.fetchcors.autoconfigure.gateway.ServletGatewayCorsAutoConfiguration",
            "dev.fetchcors.autoconfigure.websocket.CorsWebSocketAutoConfiguration",
            "dev.fetchcors.autoconfigure.surface.CorsSurfaceAutoConfiguration",
            "dev.fetchcors.autoconfigure.actuate.CorsEndpointAutoConfiguration",
            "dev.fetchcors.autoconfigure.metrics.CorsMetricsAutoConfiguration",
            "dev.fetchcors.autoconfigure.refresh.CorsRefreshAutoConfiguration");

    @BeforeAll
    static void theOptionalLibrariesAreReallyAbsent() {
        for (String absent : List.of("io.micrometer.core.instrument.MeterRegistry",
                "org.springframework.boot.actuate.endpoint.annotation.Endpoint",
                "org.springframework.cloud.context.environment.EnvironmentChangeEvent",
                "org.springframework.cloud.gateway.config.GatewayAutoConfiguration",
                "org.springframework.cloud.gateway.server.mvc.GatewayServerMvcAutoConfiguration",
                "org.springframework.web.socket.server.support.OriginHandshakeInterceptor",
                "org.springframework.jdbc.core.JdbcTemplate", "com.zaxxer.hikari.HikariDataSource",
                "org.h2.Driver")) {
            assertThat(ClassUtils.isPresent(absent, null)).as(absent).isFalse();
        }
    }

    @Test
    void theListHereIsTheListTheStarterRegisters() {
        assertThat(SpringFactoriesLoader.class.getClassLoader()
            .resources("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports"))
            .isNotEmpty();
        assertThat(ImportedByName.imports()).containsExactlyInAnyOrderElementsOf(AUTO_CONFIGURATIONS);
    }

    @Test
    void servletContextStartsWithEveryAutoConfigurationGivenAsClasses() {
        new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(classes()))
            .withPropertyValues("app.cors.allowed-origins=https://app.example.com")
            .run((context) -> {
                assertThat(context).hasNotFailed()
                    .hasSingleBean(CorsPolicyResolver.class)
                    .hasSingleBean(FilterRegistrationBean.class);
                // The surface reads URL handler mappings without Spring's WebSocket support.
                assertThat(context.getBean(CorsSurveyor.class).survey().policies()).hasSize(1);
            });
    }

    @Test
    void reactiveContextStartsWithEveryAutoConfigurationGivenAsClasses() {
        new ReactiveWebApplicationContextRunner().withConfiguration(AutoConfigurations.of(classes()))
            .withPropertyValues("app.cors.allowed-origins=https://app.example.com")
            .run((context) -> {
                assertThat(context).hasNotFailed().hasSingleBean(FetchCorsWebFilter.class);
                assertThat(context.getBean(CorsSurveyor.class).survey().policies()).hasSize(1);
            });
    }

    @Test
    void contextStartsWithImportAutoConfiguration() {
        new WebApplicationContextRunner().withUserConfiguration(ImportsEverything.class)
            .withPropertyValues("app.cors.allowed-origins=https://app.example.com")
            .run((context) -> assertThat(context).hasNotFailed().hasSingleBean(CorsPolicyResolver.class));
    }

    @Test
    void originsFromASourceBeanApplyWithoutSpringJdbc() {
        new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(classes()))
            .withPropertyValues("app.cors.allowed-origins=https://app.example.com")
            .withBean("tenants", dev.fetchcors.autoconfigure.CorsOriginSource.class,
                    () -> () -> List.of("https://portal.customer.example"))
            .run((context) -> {
                assertThat(context).hasNotFailed()
                    .hasSingleBean(dev.fetchcors.autoconfigure.origins.CorsOriginSources.class)
                    .doesNotHaveBean("jdbc");
                assertThat(context.getBean(dev.fetchcors.autoconfigure.origins.CorsOriginSources.class).status("tenants"))
                    .satisfies((status) -> assertThat(status.origins()).isEqualTo(1));
            });
    }

    @Test
    void aQueryWithoutADataSourceStopsTheStartupNamingTheProperty() {
        new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(classes()))
            .withPropertyValues("app.cors.allowed-origins=https://app.example.com",
                    "app.cors.origin-source.query=select origin from tenant_domain")
            .run((context) -> {
                assertThat(context).hasFailed();
                Throwable cause = context.getStartupFailure();
                while (!(cause instanceof dev.fetchcors.autoconfigure.InvalidCorsConfigurationException)) {
                    assertThat(cause.getCause()).as("the cause of %s", cause).isNotNull();
                    cause = cause.getCause();
                }
                assertThat(((dev.fetchcors.autoconfigure.InvalidCorsConfigurationException) cause).problems())
                    .singleElement()
                    .satisfies((problem) -> {
                        assertThat(problem.property()).isEqualTo("app.cors.origin-source.query");
                        assertThat(problem.reason()).contains("no single DataSource bean");
                    });
            });
    }

    private static Class<?>[] classes() {
        return AUTO_CONFIGURATIONS.stream().map((name) -> ClassUtils.resolveClassName(name, null))
            .toArray(Class<?>[]::new);
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(classes = { dev.fetchcors.autoconfigure.policy.CorsAutoConfiguration.class,
            dev.fetchcors.autoconfigure.servlet.CorsServletAutoConfiguration.class,
            dev.fetchcors.autoconfigure.reactive.CorsReactiveAutoConfiguration.class,
            dev.fetchcors.autoconfigure.gateway.ReactiveGatewayCorsAutoConfiguration.class,
            dev.fetchcors.autoconfigure.gateway.ServletGatewayCorsAutoConfiguration.class,
            dev.fetchcors.autoconfigure.websocket.CorsWebSocketAutoConfiguration.class,
            dev.fetchcors.autoconfigure.actuate.CorsEndpointAutoConfiguration.class,
            dev.fetchcors.autoconfigure.metrics.CorsMetricsAutoConfiguration.class,
            dev.fetchcors.autoconfigure.refresh.CorsRefreshAutoConfiguration.class })
    static class ImportsEverything {

    }

    /** The starter's registered auto-configurations, read from its imports file. */
    static final class ImportedByName {

        static List<String> imports() {
            try (var in = WithoutOptionalLibrariesTests.class.getClassLoader()
                .getResourceAsStream("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")) {
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter((line) -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
            }
            catch (java.io.IOException ex) {
                throw new IllegalStateException(ex);
            }
        }

    }

}
