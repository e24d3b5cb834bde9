package dev.fetchcors.samples.gateway.webflux;

import dev.fetchcors.samples.gateway.GatewayApps;
import dev.fetchcors.samples.gateway.GatewayBrowserTest;
import org.junit.jupiter.api.Tag;

import org.springframework.context.ConfigurableApplicationContext;

/** Headless Chromium through Spring Cloud Gateway Server WebFlux. */
// The browser's verdict on headers the HTTP tests check on every line: on the first line only (./test).
@Tag("first-line")
class ReactiveGatewayBrowserTests extends GatewayBrowserTest {

    @Override
    protected ConfigurableApplicationContext startGateway(String... properties) {
        return GatewayApps.reactive(SampleGatewayApplication.class, properties);
    }

    @Override
    protected String gatewayPrefix() {
        return "spring.cloud.gateway.server.webflux";
    }

}
