package dev.fetchcors.autoconfigure.web;

import dev.fetchcors.autoconfigure.http.HttpCases;
import dev.fetchcors.autoconfigure.http.TestApps;
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
