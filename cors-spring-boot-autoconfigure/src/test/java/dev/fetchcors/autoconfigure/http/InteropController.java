package dev.fetchcors.autoconfigure.http;

import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Endpoints that also use Spring's own CORS support, identical on Spring MVC and WebFlux. */
@RestController
public class InteropController {

    @CrossOrigin(origins = { "https://app.example.com", "https://cross.example" })
    @GetMapping("/api/cross")
    public String cross() {
        return "cross";
    }

    @GetMapping("/mapped/hello")
    public String mapped() {
        return "mapped";
    }

}
