package dev.fetchcors.samples.gateway.webflux;

import java.util.List;

import dev.fetchcors.samples.gateway.GatewayApps;
import dev.fetchcors.samples.gateway.GatewayContractTest;

import org.springframework.context.ConfigurableApplicationContext;

/** Spring Cloud Gateway Server WebFlux with the starter, on Netty, in front of real services. */
class ReactiveGatewayTests extends GatewayContractTest {

    @Override
    protected ConfigurableApplicationContext startGateway(String... properties) {
        return GatewayApps.reactive(SampleGatewayApplication.class, properties);
    }

    @Override
    protected String gatewayPrefix() {
        return "spring.cloud.gateway.server.webflux";
    }

    /** A leftover globalcors allowing every origin, as teams have it when they adopt the starter. */
    @Override
    protected List<String> flavourProperties() {
        return List.of("spring.cloud.gateway.server.webflux.globalcors.cors-configurations.[/**].allowed-origins=*",
                "spring.cloud.gateway.server.webflux.globalcors.cors-configurations.[/**].allowed-methods=*");
    }

}
