package dev.fetchcors.autoconfigure.web;

import dev.fetchcors.autoconfigure.http.HttpCases;
import dev.fetchcors.autoconfigure.http.TestApps;
import dev.fetchcors.autoconfigure.shadow.ShadowModeHttpTests;
import dev.fetchcors.autoconfigure.judge.ReactiveHttpTests;
import dev.fetchcors.autoconfigure.judge.ServletHttpTests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's own CORS configuration left in an application ({@code @CrossOrigin}, {@code addCorsMappings}) is named
 * once at startup, on both stacks, from Spring's registered mappings; an application without any says nothing.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpringCorsLeftoversTests {

    @Test
    void servlet(CapturedOutput output) {
        try (ConfigurableApplicationContext context = TestApps.servlet(ServletHttpTests.InteropApp.class, false,
                HttpCases.PROPERTIES)) {
            assertLeftoversNamedOnce(output);
        }
    }

    @Test
    void reactive(CapturedOutput output) {
        try (ConfigurableApplicationContext context = TestApps.reactive(ReactiveHttpTests.InteropApp.class, false,
                HttpCases.PROPERTIES)) {
            assertLeftoversNamedOnce(output);
        }
    }

    /** The first step of a migration: the starter is added, and no origin is configured yet. */
    @Test
    void beforeAnyOriginIsConfiguredTheWarningSaysToSetOne(CapturedOutput output) {
        try (ConfigurableApplicationContext servlet = TestApps.servlet(ServletHttpTests.InteropApp.class, false);
                ConfigurableApplicationContext reactive = TestApps.reactive(ReactiveHttpTests.InteropApp.class,
                        false)) {
            assertThat(output.toString().split("Spring's own CORS configuration is present: ", -1)).hasSize(3);
            assertThat(output).contains("@CrossOrigin on InteropController#cross",
                    "The starter does nothing until an origin is allowed", "set app.cors.allowed-origins first")
                .contains("No CORS filter registered");
        }
    }

    /**
     * Spring's CORS filter ordered before the starter's still answers first once the policy is enforced: the WARN
     * says so, with its order, rather than that the starter answers first.
     */
    @Test
    void aCorsFilterOrderedFirstIsNamedAsAnsweringFirst(CapturedOutput output) {
        String[] enforced = { "app.cors.allowed-origins=" + ShadowModeHttpTests.APP };
        try (ConfigurableApplicationContext servlet = TestApps.servlet(ShadowModeHttpTests.FirstCorsFilterApp.class,
                false, enforced);
                ConfigurableApplicationContext reactive = TestApps.reactive(
                        ShadowModeHttpTests.FirstCorsWebFilterApp.class, false, enforced)) {
            assertThat(output).contains("CorsFilter in FilterRegistrationBean 'springCorsFilter' (order -2147483648)"
                    + " runs before the starter's filter (order -110): it still answers every preflight and refuses"
                    + " the origins it does not allow, so app.cors.* does not apply to what it covers, nor to any"
                    + " preflight, until it is removed or ordered after -110.")
                .contains("CorsWebFilter bean 'springCorsWebFilter' (order -2147483648) runs before the starter's"
                        + " filter (order -110)")
                .doesNotContain("The starter answers every preflight before it");
        }
    }

    @Test
    void nothingToSayWithoutSpringsCors(CapturedOutput output) {
        try (ConfigurableApplicationContext servlet = TestApps.servlet(ServletHttpTests.MvcApp.class, false,
                HttpCases.PROPERTIES);
                ConfigurableApplicationContext reactive = TestApps.reactive(ReactiveHttpTests.FluxApp.class, false,
                        HttpCases.PROPERTIES)) {
            assertThat(output).doesNotContain("Spring's own CORS configuration is still present");
        }
    }

    private static void assertLeftoversNamedOnce(CapturedOutput output) {
        assertThat(output.toString().split("Spring's own CORS configuration is still present", -1)).hasSize(2);
        assertThat(output).contains("@CrossOrigin on InteropController#cross", "addCorsMappings for [/mapped/**]",
                "Move what it allows to app.cors.*");
    }

}
