package dev.fetchcors.autoconfigure.gateway;

import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Whether the application is a Spring Cloud Gateway that routes (Server WebFlux or Server MVC on the class path,
 * not switched off) and the starter is to be its single CORS owner ({@code app.cors.gateway.enabled}, default
 * {@code true}). Decided from class names and properties alone, so that nothing of Spring Cloud is loaded in an
 * application that does not have it.
 */
public final class SpringCloudGateway {

    /** Spring Cloud Gateway Server WebFlux's auto-configuration. */
    public static final String WEBFLUX = "org.springframework.cloud.gateway.config.GatewayAutoConfiguration";

    /** Spring Cloud Gateway Server MVC's auto-configuration. */
    public static final String MVC = "org.springframework.cloud.gateway.server.mvc.GatewayServerMvcAutoConfiguration";

    static final String WEBFLUX_ENABLED = "spring.cloud.gateway.server.webflux.enabled";

    static final String MVC_ENABLED = "spring.cloud.gateway.server.webmvc.enabled";

    static final String CORS_GATEWAY_ENABLED = "app.cors.gateway.enabled";

    private SpringCloudGateway() {
    }

    /**
     * Whether the starter acts as the CORS owner of a Spring Cloud Gateway in this application.
     *
     * @param environment the application's environment
     * @param classLoader the application's class loader
     * @return {@code true} in a routing gateway, unless {@code app.cors.gateway.enabled=false}
     */
    public static boolean isActive(Environment environment, @Nullable ClassLoader classLoader) {
        if (!environment.getProperty(CORS_GATEWAY_ENABLED, Boolean.class, true)) {
            return false;
        }
        return (ClassUtils.isPresent(WEBFLUX, classLoader)
                && environment.getProperty(WEBFLUX_ENABLED, Boolean.class, true))
                || (ClassUtils.isPresent(MVC, classLoader) && environment.getProperty(MVC_ENABLED, Boolean.class, true));
    }

}
