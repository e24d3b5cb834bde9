package dev.fetchcors.benchmarks.http.webflux;

import dev.fetchcors.benchmarks.Policies;
import dev.fetchcors.benchmarks.Scenario;
import dev.fetchcors.benchmarks.http.OriginTable;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * The Spring WebFlux app on Reactor Netty that {@code benchmarks/run} loads over HTTP, in one of three profiles:
 * <ul>
 * <li>{@code fetchcors}: this library's starter, configured under {@code app.cors.*} with the rules of
 * {@link Policies#TYPICAL};</li>
 * <li>{@code spring}: Spring's {@link CorsWebFilter} with the same rules, at the same filter order;</li>
 * <li>{@code none}: no CORS at all, the baseline;</li>
 * <li>{@code fetchcors,source}: the starter as in {@code fetchcors}, with 100,000 more origins loaded from a table
 * ({@link OriginTable}).</li>
 * </ul>
 * Tomcat is on the class path too (for the MVC app), so the server is chosen here.
 */
@SpringBootApplication
@Import(OriginTable.class)
public class WebFluxLoadTestApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(WebFluxLoadTestApplication.class);
        application.setWebApplicationType(WebApplicationType.REACTIVE);
        application.run(args);
    }

    @Bean
    NettyReactiveWebServerFactory nettyReactiveWebServerFactory() {
        return new NettyReactiveWebServerFactory();
    }

    @RestController
    static class ItemsController {

        @GetMapping(Scenario.PATH)
        Mono<String> items() {
            return Mono.just("[{\"id\":1,\"name\":\"first\"},{\"id\":2,\"name\":\"second\"}]");
        }

    }

    @Configuration(proxyBeanMethods = false)
    @Profile("spring")
    static class SpringCorsConfiguration {

        // Not named corsWebFilter, so that nothing else picks it up by name.
        @Bean
        @Order(-110)
        CorsWebFilter springCorsWebFilter() {
            UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
            source.registerCorsConfiguration("/**", Policies.TYPICAL.spring());
            return new CorsWebFilter(source);
        }

    }

}
