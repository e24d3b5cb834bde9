package dev.fetchcors.autoconfigure.gateway;

/**
 * The names by which the gateway's auto-configurations recognise a Spring Cloud Gateway that routes (Server WebFlux
 * or Server MVC on the class path, not switched off) and the starter's role as its single CORS owner
 * ({@code app.cors.gateway.enabled}, default {@code true}): class names and properties alone, so that nothing of
 * Spring Cloud is loaded in an application that does not have it.
 */
final class SpringCloudGateway {

    /** Spring Cloud Gateway Server WebFlux's auto-configuration. */
    static final String WEBFLUX = "org.springframework.cloud.gateway.config.GatewayAutoConfiguration";

    /** Spring Cloud Gateway Server MVC's auto-configuration. */
    static final String MVC = "org.springframework.cloud.gateway.server.mvc.GatewayServerMvcAutoConfiguration";

    static final String WEBFLUX_ENABLED = "spring.cloud.gateway.server.webflux.enabled";

    static final String MVC_ENABLED = "spring.cloud.gateway.server.webmvc.enabled";

    static final String CORS_GATEWAY_ENABLED = "app.cors.gateway.enabled";

    private SpringCloudGateway() {
    }

}
