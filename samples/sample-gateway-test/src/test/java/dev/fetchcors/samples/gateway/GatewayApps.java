package dev.fetchcors.samples.gateway;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.util.ClassUtils;

/**
 * Starts a gateway application for a test, its properties given as command-line arguments so that they override
 * the application's own {@code application.yml} (routes included), on Boot 3.5 and 4 alike.
 */
public final class GatewayApps {

    /** Where Boot 4 and Boot 3.5 keep the Netty server factory. */
    private static final List<String> NETTY_FACTORIES = List.of(
            "org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory",
            "org.springframework.boot.web.embedded.netty.NettyReactiveWebServerFactory");

    private GatewayApps() {
    }

    /**
     * Starts a Spring Cloud Gateway Server WebFlux application on Netty (Tomcat is on the class path too, for the
     * services behind it).
     *
     * @param application the application class
     * @param properties its properties, as {@code name=value}
     * @return the running application
     */
    public static ConfigurableApplicationContext reactive(Class<?> application, String... properties) {
        return new SpringApplicationBuilder(application).web(WebApplicationType.REACTIVE)
            .initializers((context) -> {
                BeanDefinitionRegistry registry = (BeanDefinitionRegistry) context.getBeanFactory();
                registry.registerBeanDefinition("nettyReactiveWebServerFactory", new RootBeanDefinition(nettyFactory()));
                // Reactor Netty resources of its own: closing this gateway must not dispose the global ones, under
                // every other Netty server of the JVM.
                RootBeanDefinition resources = new RootBeanDefinition(ReactorResourceFactory.class);
                resources.getPropertyValues().add("useGlobalResources", false);
                registry.registerBeanDefinition("reactorResourceFactory", resources);
            })
            .run(arguments(properties));
    }

    /**
     * Starts a Spring Cloud Gateway Server MVC application on Tomcat.
     *
     * @param application the application class
     * @param properties its properties, as {@code name=value}
     * @return the running application
     */
    public static ConfigurableApplicationContext servlet(Class<?> application, String... properties) {
        return new SpringApplicationBuilder(application).web(WebApplicationType.SERVLET).run(arguments(properties));
    }

    private static String[] arguments(String... properties) {
        List<String> arguments = new ArrayList<>();
        arguments.add("--server.port=0");
        arguments.add("--spring.main.banner-mode=off");
        for (String property : properties) {
            arguments.add("--" + property);
        }
        return arguments.toArray(String[]::new);
    }

    private static Class<?> nettyFactory() {
        for (String name : NETTY_FACTORIES) {
            if (ClassUtils.isPresent(name, null)) {
                return ClassUtils.resolveClassName(name, null);
            }
        }
        throw new IllegalStateException("Reactor Netty is not on the class path");
    }

}
