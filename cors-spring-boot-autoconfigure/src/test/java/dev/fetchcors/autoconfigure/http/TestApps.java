package dev.fetchcors.autoconfigure.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.util.ClassUtils;

/** Starts real applications on random ports, on Boot 3.5 and 4.0 alike. */
public final class TestApps {

    /**
     * Spring Security's auto-configurations, with those of the actuator, on Boot 4.0 and on Boot 3.5; names absent
     * from the line are ignored.
     */
    public static final List<String> SECURITY_AUTO_CONFIGURATIONS = List.of(
            "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.security.reactive.ReactiveManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
            "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
            "org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.autoconfigure.security.reactive.ReactiveSecurityAutoConfiguration",
            "org.springframework.boot.autoconfigure.security.reactive.ReactiveUserDetailsServiceAutoConfiguration");

    /** Tomcat can serve WebFlux too and is on the test class path; the reactive tests run on Netty. */
    public static final List<String> NETTY_FACTORIES = List.of("org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory",
            "org.springframework.boot.web.embedded.netty.NettyReactiveWebServerFactory");

    private TestApps() {
    }

    public static ConfigurableApplicationContext servlet(Class<?> app, boolean security, String... properties) {
        return start(app, WebApplicationType.SERVLET, security ? List.of() : SECURITY_AUTO_CONFIGURATIONS,
                properties);
    }

    public static ConfigurableApplicationContext reactive(Class<?> app, boolean security, String... properties) {
        List<String> excluded = security ? List.of() : SECURITY_AUTO_CONFIGURATIONS;
        ConfigurableApplicationContext context = start(app, WebApplicationType.REACTIVE, excluded, properties);
        if (!webServer(context).getClass().getName().contains("Netty")) {
            context.close();
            throw new IllegalStateException("Expected Netty, got " + webServer(context));
        }
        return context;
    }

    public static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    private static ConfigurableApplicationContext start(Class<?> app, WebApplicationType type, List<String> excluded,
            String... properties) {
        List<String> all = new ArrayList<>(Arrays.asList(properties));
        all.add("server.port=0");
        all.add("spring.main.banner-mode=off");
        if (!excluded.isEmpty()) {
            // Merged with exclusions of the test's own, which a second line would replace.
            String exclude = "spring.autoconfigure.exclude=";
            List<String> exclusions = new ArrayList<>(excluded);
            all.removeIf((property) -> property.startsWith(exclude)
                    && exclusions.addAll(Arrays.asList(property.substring(exclude.length()).split(","))));
            all.add(exclude + String.join(",", exclusions));
        }
        SpringApplicationBuilder builder = new SpringApplicationBuilder(app).web(type)
            .properties(all.toArray(String[]::new));
        if (type == WebApplicationType.REACTIVE) {
            builder.initializers(TestApps::onNettyOfItsOwn);
        }
        return builder.run();
    }

    /**
     * Netty, with Reactor Netty resources that closing this application leaves alone: by default each application
     * disposes the global ones, under every other Netty server still running in the JVM.
     */
    private static void onNettyOfItsOwn(ConfigurableApplicationContext context) {
        BeanDefinitionRegistry registry = (BeanDefinitionRegistry) context.getBeanFactory();
        registry.registerBeanDefinition("nettyReactiveWebServerFactory", new RootBeanDefinition(nettyFactory()));
        RootBeanDefinition resources = new RootBeanDefinition(ReactorResourceFactory.class);
        resources.getPropertyValues().add("useGlobalResources", false);
        registry.registerBeanDefinition("reactorResourceFactory", resources);
    }

    private static Class<?> nettyFactory() {
        for (String name : NETTY_FACTORIES) {
            if (ClassUtils.isPresent(name, null)) {
                return ClassUtils.resolveClassName(name, null);
            }
        }
        throw new IllegalStateException("Reactor Netty is not on the class path");
    }

    private static Object webServer(ConfigurableApplicationContext context) {
        try {
            return context.getClass().getMethod("getWebServer").invoke(context);
        }
        catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
