package dev.fetchcors.autoconfigure;

import dev.fetchcors.autoconfigure.policy.CorsAutoConfiguration;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.fetchcors.autoconfigure.servlet.CorsServletAutoConfiguration;
import dev.fetchcors.core.ConfigProblem;
import dev.fetchcors.core.CorsConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.util.pattern.PathPattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-path policies are a list so that they bind alike from YAML, .properties and environment variables;
 * the three sources below say the same thing and must give the same policies.
 */
class CorsPropertiesBindingTests {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(CorsAutoConfiguration.class, CorsServletAutoConfiguration.class));

    @Test
    void bindsFromYaml() {
        assertPolicies(load(new YamlPropertySourceLoader(), "bind/cors.yml"));
    }

    @Test
    void bindsFromProperties() {
        assertPolicies(load(new PropertiesPropertySourceLoader(), "bind/cors.properties"));
    }

    @Test
    void bindsFromEnvironmentVariables() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("APP_CORS_ALLOWEDORIGINS", "https://app.example.com,https://*.example.org");
        variables.put("APP_CORS_ALLOWCREDENTIALS", "true");
        variables.put("APP_CORS_MAXAGE", "600");
        variables.put("APP_CORS_POLICIES_0_NAME", "public");
        variables.put("APP_CORS_POLICIES_0_PATH_PATTERNS_0", "/public/**");
        variables.put("APP_CORS_POLICIES_0_PATHPATTERNS_1", "/assets/**");
        variables.put("APP_CORS_POLICIES_0_ALLOWEDORIGINS", "*");
        variables.put("APP_CORS_POLICIES_0_ALLOWCREDENTIALS", "false");
        variables.put("APP_CORS_POLICIES_1_NAME", "admin");
        variables.put("APP_CORS_POLICIES_1_PATHPATTERNS_0", "/admin/**");
        variables.put("APP_CORS_POLICIES_1_MAXAGE", "30m");
        assertPolicies(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    }

    private void assertPolicies(PropertySource<?> source) {
        this.runner.withInitializer((context) -> context.getEnvironment().getPropertySources().addFirst(source))
            .run((context) -> {
                assertThat(context).hasNotFailed();
                CorsPolicies policies = context.getBean(CorsPolicyResolver.class).policies();
                CorsConfig defaults = policies.defaultPolicy().policy().config();
                assertThat(defaults.allowedOrigins()).containsExactly("https://app.example.com",
                        "https://*.example.org");
                assertThat(defaults.allowCredentials()).isTrue();
                assertThat(defaults.maxAge()).isEqualTo(Duration.ofSeconds(600));

                assertThat(policies.pathPolicies()).extracting(NamedCorsPolicy::name)
                    .containsExactly("public", "admin");
                NamedCorsPolicy publicPolicy = policies.pathPolicies().get(0);
                assertThat(publicPolicy.pathPatterns()).extracting(PathPattern::getPatternString)
                    .containsExactly("/public/**", "/assets/**");
                assertThat(publicPolicy.policy().config().allowedOrigins()).containsExactly("*");
                assertThat(publicPolicy.policy().config().allowCredentials()).isFalse();
                assertThat(publicPolicy.policy().config().maxAge()).isEqualTo(Duration.ofSeconds(600));

                NamedCorsPolicy admin = policies.pathPolicies().get(1);
                assertThat(admin.pathPatterns()).extracting(PathPattern::getPatternString)
                    .containsExactly("/admin/**");
                // Unset settings are inherited from the default policy.
                assertThat(admin.policy().config().allowedOrigins()).isEqualTo(defaults.allowedOrigins());
                assertThat(admin.policy().config().allowCredentials()).isTrue();
                assertThat(admin.policy().config().maxAge()).isEqualTo(Duration.ofMinutes(30));

                assertThat(policies.select(path("/assets/logo.png"))).isSameAs(publicPolicy);
                assertThat(policies.select(path("/admin/users/1"))).isSameAs(admin);
                assertThat(policies.select(path("/api/orders"))).isSameAs(policies.defaultPolicy());
            });
    }

    @Test
    void relaxedNamesStillBind() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("app.cors.allowedOrigins", "https://app.example.com");
        properties.put("app.cors.max_age", "600");
        properties.put("app.cors.ALLOW-CREDENTIALS", "true");
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("APP_CORS_ALLOWED_METHODS", "PUT");
        variables.put("APP_CORS_POLICIES_0_NAME", "public");
        variables.put("APP_CORS_POLICIES_0_PATH_PATTERNS", "/public/**");
        variables.put("APP_CORS_POLICIES_0_ALLOWED_ORIGINS", "*");
        variables.put("APP_CORS_POLICIES_0_ALLOW_CREDENTIALS", "false");
        variables.put("APP_CORS_GATEWAY_FORWARD_ORIGIN", "false");
        variables.put("APP_CORS_WEBSOCKET_ENABLED", "true");
        this.runner.withInitializer((context) -> {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("relaxed", properties));
            context.getEnvironment().getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        }).run((context) -> {
            assertThat(context).hasNotFailed();
            CorsConfig defaults = context.getBean(CorsPolicyResolver.class).policies().defaultPolicy().policy().config();
            assertThat(defaults.maxAge()).isEqualTo(Duration.ofSeconds(600));
            assertThat(defaults.allowCredentials()).isTrue();
            assertThat(defaults.allowedMethods()).containsExactly("PUT");
            assertThat(context.getBean(CorsProperties.class).getGateway().isForwardOrigin()).isFalse();
            NamedCorsPolicy publicPolicy = context.getBean(CorsPolicyResolver.class).policies().pathPolicies().get(0);
            assertThat(publicPolicy.policy().config().allowedOrigins()).containsExactly("*");
        });
    }

    @Test
    void unknownKeysStopTheStartupNamingTheClosestKnownOne() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("app.cors.allowed-origin", "https://app.example.com");
        properties.put("app.cors.allow-credential", "true");
        properties.put("app.cors.policies[0].name", "public");
        properties.put("app.cors.policies[0].path-patterns", "/public/**");
        properties.put("app.cors.policies[0].alowed-origins", "*");
        properties.put("app.cors.gateway.forward-origins", "false");
        properties.put("app.cors.completely-unrelated", "x");
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("APP_CORS_ALLOWED_ORIGINS", "https://ok.example");
        variables.put("APP_CORS_EXPOSED_HEADER", "X-Total-Count");
        this.runner.withInitializer((context) -> {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("typos", properties));
            context.getEnvironment().getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        }).run((context) -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            while (!(failure instanceof InvalidCorsConfigurationException) && failure.getCause() != null) {
                failure = failure.getCause();
            }
            assertThat(failure).isInstanceOf(InvalidCorsConfigurationException.class);
            Map<String, ConfigProblem> problems = new LinkedHashMap<>();
            ((InvalidCorsConfigurationException) failure).problems().forEach((p) -> problems.put(p.property(), p));
            assertThat(problems).containsOnlyKeys("APP_CORS_EXPOSED_HEADER", "app.cors.allowed-origin",
                    "app.cors.allow-credential", "app.cors.policies[0].alowed-origins",
                    "app.cors.gateway.forward-origins", "app.cors.completely-unrelated");
            assertThat(problems.get("app.cors.allowed-origin").fix())
                .isEqualTo("did you mean app.cors.allowed-origins?");
            assertThat(problems.get("app.cors.allowed-origin").value()).isEqualTo("https://app.example.com");
            assertThat(problems.get("app.cors.allowed-origin").reason()).contains("no such property", "typos");
            assertThat(problems.get("app.cors.allow-credential").fix())
                .isEqualTo("did you mean app.cors.allow-credentials?");
            assertThat(problems.get("app.cors.policies[0].alowed-origins").fix())
                .isEqualTo("did you mean app.cors.policies[0].allowed-origins?");
            assertThat(problems.get("app.cors.gateway.forward-origins").fix())
                .isEqualTo("did you mean app.cors.gateway.forward-origin?");
            assertThat(problems.get("APP_CORS_EXPOSED_HEADER").fix())
                .isEqualTo("did you mean APP_CORS_EXPOSED_HEADERS (app.cors.exposed-headers)?");
            assertThat(problems.get("app.cors.completely-unrelated").fix()).doesNotContain("did you mean");
        });
    }

    private static PathContainer path(String path) {
        return RequestPath.parse(path, null).pathWithinApplication();
    }

    private static PropertySource<?> load(PropertySourceLoader loader, String path) {
        try {
            List<PropertySource<?>> sources = loader.load(path, new ClassPathResource(path));
            assertThat(sources).hasSize(1);
            return sources.get(0);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
