package dev.fetchcors.autoconfigure.web;

import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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
class ReactiveHttpTests {

    private static ConfigurableApplicationContext context;

    private static ConfigurableApplicationContext interop;

    @BeforeAll
    static void start() {
        context = TestApps.reactive(FluxApp.class, false, HttpCases.PROPERTIES);
        interop = TestApps.reactive(InteropApp.class, false, HttpCases.PROPERTIES);
    }

    @AfterAll
    static void stop() {
        context.close();
        interop.close();
    }

    static Stream<HttpCase> cases() {
        return HttpCases.cases();
    }

    static Stream<HttpCase> interopCases() {
        return HttpCases.interopCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void behavesAsTheTableSays(HttpCase httpCase) throws Exception {
        HttpCases.run(TestApps.port(context), httpCase);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interopCases")
    void addsNoSecondSetOfHeadersToSpringsOwnCors(HttpCase httpCase) throws Exception {
        HttpCases.run(TestApps.port(interop), httpCase);
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
