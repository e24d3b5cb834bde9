package dev.fetchcors.autoconfigure.judge;

import dev.fetchcors.autoconfigure.http.TestApps;

import dev.fetchcors.autoconfigure.http.InteropController;
import dev.fetchcors.autoconfigure.http.TestController;

import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.config.CorsRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.server.WebFilter;

/** The shared HTTP table against a Spring WebFlux application on Netty. */
public class ReactiveHttpTests extends HttpTableTests {

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
    @Import({ TestController.class, VaryReplacingController.class })
    public static class FluxApp {

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

    /**
     * Handlers that replace the response's Vary themselves, then end without a body or fail: the response is then
     * committed by the server or the error handling, not through the exchange the chain saw.
     */
    @RestController
    static class VaryReplacingController {

        @GetMapping("/api/vary-no-body")
        @ResponseStatus(HttpStatus.NO_CONTENT)
        Mono<Void> varyNoBody(ServerHttpResponse response) {
            response.getHeaders().set("Vary", "Accept-Language");
            return Mono.empty();
        }

        @GetMapping("/api/vary-then-boom")
        Mono<String> varyThenBoom(ServerHttpResponse response) {
            response.getHeaders().set("Vary", "Accept-Language");
            return Mono.error(new IllegalStateException("Thrown on purpose by the test controller"));
        }

    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(InteropController.class)
    public static class InteropApp implements WebFluxConfigurer {

        @Override
        public void addCorsMappings(CorsRegistry registry) {
            registry.addMapping("/mapped/**").allowedOrigins("https://app.example.com", "https://mapped.example");
        }

    }

}
