package dev.fetchcors.autoconfigure.http;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/** The endpoints of the HTTP table, identical on Spring MVC and WebFlux. */
@RestController
public class TestController {

    @GetMapping({ "/api/hello", "/public/hello", "/early/vary" })
    public String hello() {
        return "hello";
    }

    @PostMapping("/api/hello")
    public String post() {
        return "posted";
    }

    @PutMapping("/api/hello")
    public String put() {
        return "put";
    }

    @GetMapping({ "/api/boom", "/public/boom" })
    public String boom() {
        throw new IllegalStateException("Thrown on purpose by the test controller");
    }

    @GetMapping("/api/vary")
    public ResponseEntity<String> vary() {
        return ResponseEntity.ok().varyBy("Accept-Encoding").body("varies");
    }

}
