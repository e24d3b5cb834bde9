package dev.fetchcors.samples.gateway;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.fetchcors.samples.browser.Chromium;
import dev.fetchcors.samples.gateway.service.ServiceApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Headless Chromium on a page that calls two routes of a real gateway, both to a service whose own CORS allows
 * {@code *}: the browser's verdicts follow the gateway's policy, never the service's. The page is served by the
 * gateway on {@code http://localhost} and calls it on {@code http://127.0.0.1}, another origin.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class GatewayBrowserTest {

    private Chromium chromium;

    private ConfigurableApplicationContext service;

    private ConfigurableApplicationContext gateway;

    /** Starts the gateway flavour under test, as {@link GatewayContractTest#startGateway} does. */
    protected abstract ConfigurableApplicationContext startGateway(String... properties);

    /** The prefix of the flavour's route properties. */
    protected abstract String gatewayPrefix();

    @BeforeAll
    void start() throws IOException {
        this.chromium = Chromium.start();
        this.service = ServiceApplication.start("filter");
        String uri = "http://127.0.0.1:" + GatewayContractTest.port(this.service);
        List<String> properties = new ArrayList<>(List.of("app.cors.allowed-origins=http://localhost:*",
                "app.cors.allow-credentials=true", "app.cors.allowed-methods=PUT",
                "app.cors.allowed-headers=Content-Type", "app.cors.policies[0].name=restricted",
                "app.cors.policies[0].path-patterns=/restricted/**",
                "app.cors.policies[0].allowed-origins=https://app.example.com"));
        List<String> routes = List.of("star", "restricted");
        for (int i = 0; i < routes.size(); i++) {
            String route = gatewayPrefix() + ".routes[" + i + "]";
            properties.add(route + ".id=" + routes.get(i));
            properties.add(route + ".uri=" + uri);
            properties.add(route + ".predicates[0]=Path=/" + routes.get(i) + "/**");
        }
        this.gateway = startGateway(properties.toArray(String[]::new));
    }

    @BeforeEach
    void requireBrowser() {
        this.chromium.assumeAvailable();
    }

    @AfterAll
    void stop() throws IOException {
        if (this.gateway != null) {
            this.gateway.close();
        }
        if (this.service != null) {
            this.service.close();
        }
        if (this.chromium != null) {
            this.chromium.close();
        }
    }

    @Test
    void theBrowserFollowsTheGatewaysPolicyNotTheServices() {
        int port = GatewayContractTest.port(this.gateway);
        WebDriver browser = this.chromium.driver();
        browser.get("http://localhost:" + port + "/gateway-check.html?api=http://127.0.0.1:" + port);
        new WebDriverWait(browser, Duration.ofSeconds(30))
            .until((driver) -> "true".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-done")));

        // The service alone would have answered '*', which a browser refuses with credentials: the gateway's
        // answer names the page's origin and allows credentials.
        assertThat(outcome(browser, "star-credentialed")).isEqualTo("allowed");
        assertThat(result(browser, "star-credentialed")).startsWith("200").contains("/star/items");
        // The service allows '*', the gateway's policy for this path does not allow the page: blocked.
        assertThat(outcome(browser, "restricted")).isEqualTo("blocked");
        assertThat(result(browser, "restricted")).contains("TypeError");
        // Preflighted, answered by the gateway, then sent.
        assertThat(outcome(browser, "star-put")).isEqualTo("allowed");
        assertThat(result(browser, "star-put")).startsWith("200");
    }

    private static String outcome(WebDriver browser, String call) {
        return item(browser, call).getDomAttribute("data-outcome");
    }

    private static String result(WebDriver browser, String call) {
        return item(browser, call).findElement(By.className("result")).getText();
    }

    private static WebElement item(WebDriver browser, String call) {
        return browser.findElement(By.cssSelector("[data-call='" + call + "']"));
    }

}
