package dev.fetchcors.test.docs;

import java.util.Map;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application the documentation's snippets test, with the test resources' {@code application.yml} as its
 * policy: a credentialed front end on {@code https://app.example.com}, GET and PUT, {@code Content-Type}.
 */
@SpringBootApplication
public class DocsApplication {

    /** Spring's own CORS, left from before the starter, which the starter names at startup. */
    @RestController
    static class LegacyController {

        @CrossOrigin({ "https://app.example.com", "https://partner.example" })
        @GetMapping("/api/legacy")
        String legacy() {
            return "legacy";
        }

    }

    @RestController
    static class OrderController {

        @GetMapping("/api/orders/1")
        Map<String, Object> order() {
            return Map.of("id", 1);
        }

        @PutMapping("/api/orders/1")
        Map<String, Object> update() {
            return Map.of("updated", true);
        }

    }

}
