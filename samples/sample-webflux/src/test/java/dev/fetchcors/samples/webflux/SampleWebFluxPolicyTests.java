package dev.fetchcors.samples.webflux;

import java.net.URI;
import java.util.List;

import dev.fetchcors.test.CorsPolicyTable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The sample's policy, checked as a browser judges it with the test kit, against the running application. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleWebFluxPolicyTests {

    @LocalServerPort
    int port;

    @Test
    void thePolicyInApplicationYml() {
        String page = "http://localhost:" + this.port;
        CorsPolicyTable.of(URI.create("http://127.0.0.1:" + this.port))
            .allowsWithCredentials("/api/items/42", List.of(page, "http://127.0.0.1:3000"), List.of("PUT"),
                    "Content-Type: application/json", "X-Request-Id: 1")
            .allowsWithCredentials("/api/greeting", List.of(page), List.of("GET"), "X-Requested-With: XMLHttpRequest")
            .refuses("/api/items/42", List.of(page), List.of("DELETE"))
            .refuses("/api/greeting", List.of(page), List.of("GET"), "X-Debug: true")
            .refuses("/api/greeting", List.of("https://evil.example", "http://127.0.0.2:" + this.port, "null"),
                    List.of("GET"))
            .allows("/api/public/status", List.of("https://anyone.example"), List.of("GET"))
            .refusesWithCredentials("/api/public/status", List.of("https://anyone.example"), List.of("GET"))
            .verify();
    }

}
