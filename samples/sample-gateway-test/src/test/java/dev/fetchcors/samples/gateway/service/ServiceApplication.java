package dev.fetchcors.samples.gateway.service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A Spring MVC service behind the gateway, with CORS of its own as teams leave it: none
 * ({@code service.cors=none}), Spring's {@code CorsFilter} allowing {@code *} ({@code filter}), or
 * {@code @CrossOrigin} for another origin with credentials ({@code cross-origin}). It records every request that
 * reaches it ({@code GET /__seen}), so a test can tell that no preflight got past the gateway.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({ ServiceApplication.Seen.class, ServiceApplication.PlainApi.class, ServiceApplication.CrossOriginApi.class,
        ServiceApplication.StarCorsFilter.class })
public class ServiceApplication {

    /** The origin the {@code @CrossOrigin} service allows, with credentials. */
    public static final String OTHER_ORIGIN = "https://other.example.com";

    /**
     * Starts a service on a random port of loopback.
     *
     * @param cors none, filter or cross-origin
     * @return the running service
     */
    public static ConfigurableApplicationContext start(String cors) {
        return new SpringApplicationBuilder(ServiceApplication.class).web(WebApplicationType.SERVLET)
            .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
                    "service.cors=" + cors, "spring.application.name=service-" + cors,
                    // The starter and the gateways are on this class path for the gateway's sake, not the service's.
                    // (Gateway Server MVC, routing nothing, is harmless in a servlet service; the WebFlux one is off.)
                    "app.cors.enabled=false", "spring.cloud.gateway.server.webflux.enabled=false")
            .run();
    }

    /** What reached this service: one entry per request. */
    @RestController
    static class Seen {

        private final List<Map<String, String>> requests = new ArrayList<>();

        synchronized void record(HttpServletRequest request) {
            this.requests.add(Map.of("method", request.getMethod(), "path", request.getRequestURI(), "origin",
                    String.valueOf(request.getHeader("Origin")), "accessControlRequestMethod",
                    String.valueOf(request.getHeader("Access-Control-Request-Method"))));
        }

        @GetMapping("/__seen")
        synchronized List<Map<String, String>> seen() {
            return List.copyOf(this.requests);
        }

        @DeleteMapping("/__seen")
        synchronized void clear() {
            this.requests.clear();
        }

        @Bean
        jakarta.servlet.Filter recordingFilter() {
            return (request, response, chain) -> {
                HttpServletRequest http = (HttpServletRequest) request;
                if (!http.getRequestURI().startsWith("/__seen")) {
                    record(http);
                }
                chain.doFilter(request, response);
            };
        }

    }

    /** The API, the same under every route; each answer names the path it got. */
    abstract static class Api {

        @RequestMapping("/{route}/**")
        ResponseEntity<Map<String, String>> any(HttpServletRequest request) {
            return ResponseEntity.ok()
                .header("X-Total-Count", "3")
                .varyBy("Accept-Language")
                .body(Map.of("path", request.getRequestURI()));
        }

        @GetMapping("/{route}/stream")
        ResponseEntity<StreamingResponseBody> stream() {
            return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body((out) -> {
                for (int i = 0; i < 3; i++) {
                    out.write(("chunk " + i + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            });
        }

        @GetMapping("/{route}/boom")
        String boom() {
            throw new IllegalStateException("Thrown on purpose by the service");
        }

    }

    @RestController
    @ConditionalOnProperty(name = "service.cors", havingValue = "cross-origin")
    @CrossOrigin(origins = OTHER_ORIGIN, allowCredentials = "true")
    static class CrossOriginApi extends Api {

    }

    @RestController
    @ConditionalOnExpression("'${service.cors:none}' != 'cross-origin'")
    static class PlainApi extends Api {

    }

    /** Spring's own CorsFilter, allowing every origin, method and header. */
    @ConditionalOnProperty(name = "service.cors", havingValue = "filter")
    static class StarCorsFilter {

        @Bean
        CorsFilter starCorsFilter() {
            CorsConfiguration star = new CorsConfiguration();
            star.addAllowedOrigin("*");
            star.addAllowedMethod("*");
            star.addAllowedHeader("*");
            star.addExposedHeader("X-Total-Count");
            UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
            source.registerCorsConfiguration("/**", star);
            return new CorsFilter(source);
        }

    }

}
