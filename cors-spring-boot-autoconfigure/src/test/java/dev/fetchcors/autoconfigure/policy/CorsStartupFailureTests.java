package dev.fetchcors.autoconfigure.policy;

import dev.fetchcors.autoconfigure.http.TestApps;
import dev.fetchcors.core.CorsConfig;
import dev.fetchcors.core.CorsPolicy;
import dev.fetchcors.core.OriginCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/** A bad configuration stops the application, and the failure analyzer prints every problem for a person. */
@ExtendWith(OutputCaptureExtension.class)
class CorsStartupFailureTests {

    @Test
    void printsEveryProblemWithPropertyValueAndFix(CapturedOutput output) {
        assertThatException().isThrownBy(() -> TestApps.servlet(App.class, false,
                    "app.cors.allowed-origins=https://app.example.com,https://app.example.com/,*",
                    "app.cors.allow-credentials=true", "app.cors.exposed-headers=Set-Cookie",
                    "app.cors.policies[0].name=public", "app.cors.policies[0].path-patterns=/public/**",
                    "app.cors.policies[0].max-age=48h"));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("The CORS configuration is invalid (4 problems)")
            .contains("Property: app.cors.allowed-origins[1]", "Value: \"https://app.example.com/\"",
                    "Fix: write \"https://app.example.com\".")
            .contains("Property: app.cors.allowed-origins[2]", "Value: \"*\"")
            .contains("Property: app.cors.exposed-headers[0]", "Value: \"Set-Cookie\"")
            .contains("Property: app.cors.policies[0].max-age", "Value: \"48h\"")
            .contains("Action:", "Change each property listed above where it is set");
        // The report appears once: no other log line repeats a problem.
        assertThat(output.toString().split("Value: \"https://app.example.com/\"", -1)).hasSize(2);
        assertThat(output.toString().split("no browser caches a preflight", -1)).hasSize(2);
        // Reported once, under the default policy, though the per-path policy inherits them.
        assertThat(output).doesNotContain("app.cors.policies[0].allowed-origins");
        String analysis = output.toString().substring(output.toString().indexOf("APPLICATION FAILED TO START"));
        assertThat(analysis.split("\\R")).noneMatch((line) -> line.stripLeading().startsWith("at "));
    }

    @Test
    void aTypoUnderAppCorsStopsTheStartupNamingTheClosestProperty(CapturedOutput output) {
        assertThatException().isThrownBy(() -> TestApps.reactive(App.class, false,
                "app.cors.allowed-origins=https://app.example.com", "app.cors.allow-credential=true"));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("The CORS configuration is invalid (1 problem)")
            .contains("Property: app.cors.allow-credential", "Value: \"true\"",
                    "Fix: did you mean app.cors.allow-credentials?");
        assertThat(output.toString().split("did you mean app.cors.allow-credentials", -1)).hasSize(2);
    }

    /**
     * An element of a list set alone, as on the command line over application.yml: Spring Boot leaves it unbound, and
     * the report says why and how to give the list.
     */
    @Test
    void aListElementSetAloneIsExplained(CapturedOutput output) {
        assertThatException().isThrownBy(() -> TestApps.servlet(App.class, false,
                "app.cors.allowed-origins[1]=https://new.example.com"));
        assertThat(output).contains("APPLICATION FAILED TO START",
                "The CORS configuration is invalid: elements of a list were left unbound, because no element before"
                        + " them is set in the same place.",
                "Property: app.cors.allowed-origins[1]", "Value: \"https://new.example.com\"",
                "Spring Boot takes a list whole from the one source that sets any element of it",
                "Give the whole list there (--app.cors.allowed-origins=https://app.example.com,https://new.example.com,");
    }

    /** No origin at all, so no filter would be registered: the typo must not leave CORS silently off. */
    @ParameterizedTest(name = "reactive: {0}")
    @ValueSource(booleans = { false, true })
    void aSingularTypoStopsTheStartupThoughNoFilterWouldBeRegistered(boolean reactive, CapturedOutput output) {
        String typo = "app.cors.allowed-origin=https://app.example.com";
        assertThatException().isThrownBy(() -> start(reactive, typo));
        assertThatException().isThrownBy(() -> start(reactive, typo, "app.cors.allowed-methods=PUT",
                "app.cors.allow-credentials=true", "app.cors.policies[0].name=public",
                "app.cors.policies[0].path-patterns=/public/**"));
        assertThat(output.toString().split("Property: app.cors.allowed-origin\\R", -1)).hasSize(3);
        assertThat(output).contains("APPLICATION FAILED TO START", "The CORS configuration is invalid (1 problem)",
                "Value: \"https://app.example.com\"", "Fix: did you mean app.cors.allowed-origins?");
    }

    /**
     * A {@code CorsPolicy} bean is the default policy: a top-level property beside it, the mode among them, or an
     * {@code OriginCheck} bean would be ignored, so that a policy believed in shadow mode would be enforced.
     */
    @Test
    void whatAPolicyBeanWouldIgnoreStopsTheStartup(CapturedOutput output) {
        assertThatException().isThrownBy(() -> TestApps.servlet(PolicyBeanApp.class, false, "app.cors.mode=shadow",
                "app.cors.allowed-headers=Content-Type,X-Request-Id"));
        assertThat(output).contains("The CORS configuration is invalid (3 problems)", "Property: app.cors.mode",
                "Value: \"shadow\"", "Property: app.cors.allowed-headers",
                "a CorsPolicy bean is the default policy: the top-level properties would be ignored.",
                "Property: OriginCheck bean", "build the policy with CorsConfig.builder().originCheck(...)");
    }

    /** Two beans of a type the starter takes one of: neither is dropped in silence. */
    @Test
    void twoOriginChecksStopTheStartup(CapturedOutput output) {
        assertThatException().isThrownBy(() -> TestApps.servlet(TwoOriginChecksApp.class, false,
                "app.cors.allowed-origins=https://app.example.com"));
        assertThat(output).contains("Property: OriginCheck beans", "Value: \"originCheck, stagingOrigins\"",
                "the starter takes one OriginCheck bean, and would ignore the others.",
                "or mark the one to use @Primary.");
    }

    private static void start(boolean reactive, String... properties) {
        (reactive ? TestApps.reactive(App.class, false, properties) : TestApps.servlet(App.class, false, properties))
            .close();
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {

    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class PolicyBeanApp {

        @Bean
        CorsPolicy corsPolicy() {
            return CorsPolicy.compile(CorsConfig.builder().allowedOrigins("https://app.example.com").build());
        }

        @Bean
        OriginCheck originCheck() {
            return "https://tenant.example"::equals;
        }

    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class TwoOriginChecksApp {

        @Bean
        OriginCheck originCheck() {
            return "https://tenant.example"::equals;
        }

        @Bean
        OriginCheck stagingOrigins() {
            return (origin) -> origin.endsWith(".staging.example.net");
        }

    }

}
