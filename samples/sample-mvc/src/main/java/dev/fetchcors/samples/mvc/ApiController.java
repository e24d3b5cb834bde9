package dev.fetchcors.samples.mvc;

import java.util.Map;

import org.springframework.context.annotation.Profile;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The API the sample page calls from another origin. No CORS annotation: the starter handles CORS. Under the
 * {@code shadow} profile, {@link CrossOriginApiController} serves it instead, with the {@code @CrossOrigin} the
 * application had before the starter.
 */
@RestController
@RequestMapping("/api")
@Profile("!shadow")
class ApiController {

    @GetMapping("/greeting")
    Map<String, String> greeting() {
        return Map.of("message", "Hello from Spring MVC");
    }

    @GetMapping("/me")
    Map<String, Object> me(@RequestHeader(name = "Cookie", required = false) String cookie) {
        return Map.of("user", "guest", "cookieReceived", cookie != null);
    }

    @PutMapping("/items/{id}")
    ResponseEntity<Map<String, Object>> putItem(@PathVariable String id, @RequestBody Map<String, Object> item,
            @RequestHeader(name = "X-Request-Id", defaultValue = "none") String requestId) {
        return ResponseEntity.ok().header("X-Request-Id", requestId).body(Map.of("id", id, "item", item));
    }

    /** The preflight cache demo, on a URL of its own: a refused preflight to a URL drops what was cached for it. */
    @PutMapping("/notes/{id}")
    Map<String, Object> putNote(@PathVariable String id, @RequestBody Map<String, Object> note) {
        return Map.of("id", id, "note", note);
    }

    /** Exists, but the CORS policy does not allow DELETE, so a browser on another origin never gets here. */
    @DeleteMapping("/items/{id}")
    ResponseEntity<Void> deleteItem(@PathVariable String id) {
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/public/status")
    Map<String, String> publicStatus() {
        return Map.of("status", "up");
    }

}
