package dev.fetchcors.samples.gateway.mvc;

import dev.fetchcors.samples.gateway.GatewayApps;
import dev.fetchcors.samples.gateway.GatewayBrowserTest;
import org.junit.jupiter.api.Tag;

import org.springframework.context.ConfigurableApplicationContext;

/** Headless Chromium through Spring Cloud Gateway Server MVC. */
// The browser's verdict on headers the HTTP tests check on every line: on the first line only (./test).
@Tag("first-line")
class ServletGatewayBrowserTests extends GatewayBrowserTest {

    @Override
    protected ConfigurableApplicationContext startGateway(String... properties) {
        return GatewayApps.servlet(SampleGatewayMvcApplication.class, properties);
    }

    @Override
    protected String gatewayPrefix() {
        return "spring.cloud.gateway.server.webmvc";
    }

}
