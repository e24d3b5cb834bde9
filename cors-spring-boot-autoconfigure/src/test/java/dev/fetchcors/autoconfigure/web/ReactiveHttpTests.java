package dev.fetchcors.autoconfigure.web;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.config.CorsRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.server.WebFilter;

/** The shared HTTP table against a Spring WebFlux application on Netty. */
class ReactiveHttpTests extends HttpTableTests {

    @Override
    ConfigurableApplicationContext startPlain(String... properties) {
        return TestApps.reactive(FluxApp.class, false, properties);
    }

    @Override
    ConfigurableApplicationContext startInterop(String... properties) {
        return TestApps.reactive(InteropApp.class, false, properties);
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(TestController.class)
    static class FluxApp {

        /** Sets a Vary of its own before the CORS filter runs. */
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        WebFilter earlyVaryFilter() {
            return (exchange, chain) -> {
                if (exchange.getRequest().getPath().value().startsWith("/early/")) {
                    exchange.getResponse().getHeaders().set("Vary", "Accept-Encoding");
                }
                return chain.filter(exchange);
            };
        }

    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(InteropController.class)
    static class InteropApp implements WebFluxConfigurer {

        @Override
        public void addCorsMappings(CorsRegistry registry) {
            registry.addMapping("/mapped/**").allowedOrigins("https://app.example.com", "https://mapped.example");
        }

    }

}
