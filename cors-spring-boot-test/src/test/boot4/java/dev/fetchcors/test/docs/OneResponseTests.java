package dev.fetchcors.test.docs;

import java.time.Duration;

import dev.fetchcors.test.BrowserRequest;
import dev.fetchcors.test.MockMvcCors;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.web.servlet.MockMvc;

import static dev.fetchcors.test.CorsAssertions.assertThatCors;

@WebMvcTest(DocsApplication.OrderController.class)
class OneResponseTests {

    @Autowired
    MockMvc mvc;

    @Test
    void aPreflightAndThePutItAllows() throws Exception {
        BrowserRequest put = BrowserRequest.from("https://app.example.com")
            .to("PUT", "/api/orders/1")
            .header("Content-Type", "application/json")
            .withCredentials();

        assertThatCors(this.mvc.perform(MockMvcCors.preflight(put)))   // OPTIONS with Origin, Access-Control-Request-*
            .allowsPreflightOf(put)
            .cachesPreflightFor(Duration.ofMinutes(10))
            .isWellFormed();
        assertThatCors(this.mvc.perform(MockMvcCors.request(put)))     // the PUT itself
            .allowsOriginWithCredentials("https://app.example.com")
            .isWellFormed();
    }

}
