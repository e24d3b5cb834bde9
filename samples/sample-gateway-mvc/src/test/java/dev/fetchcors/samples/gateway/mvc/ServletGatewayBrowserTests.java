package dev.fetchcors.samples.gateway.mvc;

import dev.fetchcors.samples.gateway.GatewayApps;
import dev.fetchcors.samples.gateway.GatewayBrowserTest;

import org.springframework.context.ConfigurableApplicationContext;

/** Headless Chromium through Spring Cloud Gateway Server MVC. */
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
