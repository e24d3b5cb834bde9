package dev.fetchcors.test.slice;

import java.util.Map;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application as a team writes it, whose CORS policy is in {@code application.yml}; its slice tests check that
 * policy through the starter's filter, as the running application applies it.
 */
@SpringBootApplication
public class SliceTestApplication {

    /** The API; annotated, so Spring MVC and WebFlux both serve it. */
    @RestController
    static class OrderController {

        @GetMapping("/api/orders")
        ResponseEntity<Map<String, Object>> orders() {
            return ResponseEntity.ok().header("X-Total-Count", "1").body(Map.of("orders", 1));
        }

        @PutMapping("/api/orders/1")
        Map<String, Object> update() {
            return Map.of("updated", true);
        }

    }

}
