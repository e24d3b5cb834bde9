package dev.fetchcors.samples.gateway.mvc;

import dev.fetchcors.samples.gateway.GatewayApps;
import dev.fetchcors.samples.gateway.GatewayContractTest;

import org.springframework.context.ConfigurableApplicationContext;

/** Spring Cloud Gateway Server MVC with the starter, on Tomcat, in front of real services. */
class ServletGatewayTests extends GatewayContractTest {

    @Override
    protected ConfigurableApplicationContext startGateway(String... properties) {
        return GatewayApps.servlet(SampleGatewayMvcApplication.class, properties);
    }

    @Override
    protected String gatewayPrefix() {
        return "spring.cloud.gateway.server.webmvc";
    }

}
