package dev.fetchcors.autoconfigure;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.fetchcors.autoconfigure.servlet.CorsServletAutoConfiguration;
import dev.fetchcors.core.CorsConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

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
                CorsPolicies policies = context.getBean(CorsPoliciesResolver.class).policies();
                CorsConfig defaults = policies.defaultPolicy().config();
                assertThat(defaults.allowedOrigins()).containsExactly("https://app.example.com",
                        "https://*.example.org");
                assertThat(defaults.allowCredentials()).isTrue();
                assertThat(defaults.maxAge()).isEqualTo(Duration.ofSeconds(600));

                assertThat(policies.pathPolicies()).extracting(CorsPolicies.PathPolicy::name)
                    .containsExactly("public", "admin");
                CorsPolicies.PathPolicy publicPolicy = policies.pathPolicies().get(0);
                assertThat(publicPolicy.pathPatterns()).containsExactly("/public/**", "/assets/**");
                assertThat(publicPolicy.policy().config().allowedOrigins()).containsExactly("*");
                assertThat(publicPolicy.policy().config().allowCredentials()).isFalse();
                assertThat(publicPolicy.policy().config().maxAge()).isEqualTo(Duration.ofSeconds(600));

                CorsPolicies.PathPolicy admin = policies.pathPolicies().get(1);
                assertThat(admin.pathPatterns()).containsExactly("/admin/**");
                // Unset settings are inherited from the default policy.
                assertThat(admin.policy().config().allowedOrigins()).isEqualTo(defaults.allowedOrigins());
                assertThat(admin.policy().config().allowCredentials()).isTrue();
                assertThat(admin.policy().config().maxAge()).isEqualTo(Duration.ofMinutes(30));

                assertThat(policies.policyFor("/assets/logo.png")).isSameAs(publicPolicy.policy());
                assertThat(policies.policyFor("/admin/users/1")).isSameAs(admin.policy());
                assertThat(policies.policyFor("/api/orders")).isSameAs(policies.defaultPolicy());
            });
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
