package dev.fetchcors.test.surface;

import java.util.List;
import java.util.Map;

import dev.fetchcors.autoconfigure.CorsOriginSource;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application whose CORS surface the documentation pins: the test resources' default policy (a credentialed
 * front end on {@code https://app.example.com}) and a credentialed per-path policy for a partner, whose tenants'
 * origins come from a source ({@code surface/surface.properties}). Its actuator is off the application's port, so
 * that the pinned routes are the application's own on every Boot line.
 */
@SpringBootApplication
@PropertySource("classpath:surface/surface.properties")
public class SurfaceApplication {

    @Bean
    CorsOriginSource tenants() {
        return new CorsOriginSource() {

            @Override
            public List<String> load() {
                return List.of("https://tenant1.example");
            }

            @Override
            public String policy() {
                return "partner";
            }

        };
    }

    @RestController
    static class OrderController {

        @GetMapping("/api/orders/{id}")
        Map<String, Object> order() {
            return Map.of("id", 1);
        }

        @PutMapping("/api/orders/{id}")
        Map<String, Object> update() {
            return Map.of("updated", true);
        }

    }

    @RestController
    static class AccountController {

        @GetMapping("/api/accounts/{id}")
        Map<String, Object> account() {
            return Map.of("id", 1);
        }

    }

}
