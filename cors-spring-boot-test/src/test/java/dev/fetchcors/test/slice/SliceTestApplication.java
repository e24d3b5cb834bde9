package dev.fetchcors.test.slice;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application as a team writes it, whose CORS policy is in {@code application.yml}; its slice tests check that
 * policy through the starter's filter, as the running application applies it.
 */
@SpringBootApplication
public class SliceTestApplication {

    /** The API; annotated, so Spring MVC and WebFlux both serve it. */
    /** Every body {@code POST /api/orders} read. */
    static final List<Map<String, Object>> bodies = new CopyOnWriteArrayList<>();

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

        /** Reads a JSON body: without one it answers 400. */
        @PostMapping("/api/orders")
        Map<String, Object> create(@RequestBody Map<String, Object> order) {
            bodies.add(order);
            return Map.of("created", true);
        }

    }

}
