package dev.fetchcors.autoconfigure.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts real applications on random ports, on Boot 3.5 and 4.0 alike. */
final class TestApps {

    /** Spring Security's auto-configurations on Boot 4.0 and on Boot 3.5; names absent from the line are ignored. */
    static final List<String> SECURITY_AUTO_CONFIGURATIONS = List.of(
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

    /** Tomcat can serve WebFlux too on Boot 4.0; the reactive tests run on Netty. */
    static final String TOMCAT_REACTIVE = "org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration";

    private TestApps() {
    }

    static ConfigurableApplicationContext servlet(Class<?> app, boolean security, String... properties) {
        return start(app, WebApplicationType.SERVLET, security ? List.of() : SECURITY_AUTO_CONFIGURATIONS,
                properties);
    }

    static ConfigurableApplicationContext reactive(Class<?> app, boolean security, String... properties) {
        List<String> excluded = new ArrayList<>(security ? List.of() : SECURITY_AUTO_CONFIGURATIONS);
        excluded.add(TOMCAT_REACTIVE);
        ConfigurableApplicationContext context = start(app, WebApplicationType.REACTIVE, excluded, properties);
        if (!webServer(context).getClass().getName().contains("Netty")) {
            context.close();
            throw new IllegalStateException("Expected Netty, got " + webServer(context));
        }
        return context;
    }

    static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    private static ConfigurableApplicationContext start(Class<?> app, WebApplicationType type, List<String> excluded,
            String... properties) {
        List<String> all = new ArrayList<>(Arrays.asList(properties));
        all.add("server.port=0");
        all.add("spring.main.banner-mode=off");
        if (!excluded.isEmpty()) {
            all.add("spring.autoconfigure.exclude=" + String.join(",", excluded));
        }
        return new SpringApplicationBuilder(app).web(type).properties(all.toArray(String[]::new)).run();
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
