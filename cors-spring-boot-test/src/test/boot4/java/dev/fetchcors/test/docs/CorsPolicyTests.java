package dev.fetchcors.test.docs;

import java.util.List;

import dev.fetchcors.test.CorsPolicyTable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(DocsApplication.OrderController.class)
class CorsPolicyTests {

    @Autowired
    MockMvc mvc;

    @Test
    void corsPolicy() {
        CorsPolicyTable.of(this.mvc)
            .allowsWithCredentials("/api/orders/1", List.of("https://app.example.com"), List.of("GET", "PUT"),
                    "Content-Type: application/json")
            .refuses("/api/orders/1", List.of("https://evil.example", "null"), List.of("GET", "PUT"))
            .verify();
    }

}
