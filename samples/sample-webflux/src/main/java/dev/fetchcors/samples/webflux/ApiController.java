package dev.fetchcors.samples.webflux;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The API the sample page calls from another origin. No CORS annotation: the starter handles CORS. */
@RestController
@RequestMapping("/api")
class ApiController {

    @GetMapping("/greeting")
    Mono<Map<String, String>> greeting() {
        return Mono.just(Map.of("message", "Hello from Spring WebFlux"));
    }

    @GetMapping("/me")
    Mono<Map<String, Object>> me(@RequestHeader(name = "Cookie", required = false) String cookie) {
        return Mono.just(Map.of("user", "guest", "cookieReceived", cookie != null));
    }

    @PutMapping("/items/{id}")
    Mono<ResponseEntity<Map<String, Object>>> putItem(@PathVariable String id,
            @RequestBody Mono<Map<String, Object>> item,
            @RequestHeader(name = "X-Request-Id", defaultValue = "none") String requestId) {
        return item.map((body) -> ResponseEntity.ok().header("X-Request-Id", requestId)
            .body(Map.<String, Object>of("id", id, "item", body)));
    }

    /** The preflight cache demo, on a URL of its own: a refused preflight to a URL drops what was cached for it. */
    @PutMapping("/notes/{id}")
    Mono<Map<String, Object>> putNote(@PathVariable String id, @RequestBody Mono<Map<String, Object>> note) {
        return note.map((body) -> Map.<String, Object>of("id", id, "note", body));
    }

    /** Exists, but the CORS policy does not allow DELETE, so a browser on another origin never gets here. */
    @DeleteMapping("/items/{id}")
    Mono<ResponseEntity<Void>> deleteItem(@PathVariable String id) {
        return Mono.just(ResponseEntity.noContent().build());
    }

    @GetMapping("/public/status")
    Mono<Map<String, String>> publicStatus() {
        return Mono.just(Map.of("status", "up"));
    }

}
