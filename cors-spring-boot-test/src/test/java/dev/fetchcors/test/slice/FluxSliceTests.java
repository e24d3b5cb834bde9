package dev.fetchcors.test.slice;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.fetchcors.test.BrowserRequest;
import dev.fetchcors.test.CorsPolicyTable;
import dev.fetchcors.test.WebTestClientCors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dev.fetchcors.test.CorsAssertions.assertThatCors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A user's {@code @WebFluxTest}: the slice includes the starter, so {@code WebTestClient} goes through the same
 * CORS WebFilter as the running application.
 */
@FluxSlice
class FluxSliceTests {

    static final BrowserRequest PUT_JSON = BrowserRequest.from("https://app.example.com")
        .to("PUT", "/api/orders/1")
        .header("Content-Type", "application/json")
        .withCredentials();

    @Autowired
    WebTestClient client;

    @Test
    void thePolicyInThreeLines() {
        CorsPolicyTable.of(this.client)
            .allowsWithCredentials("/api/orders/1", List.of("https://app.example.com"), List.of("GET", "PUT"),
                    "Content-Type: application/json")
            .refuses("/api/orders/1", List.of("https://evil.example", "null"), List.of("GET", "PUT"))
            .verify();
    }

    @Test
    void aPreflightAndTheRequestItAllows() {
        assertThatCors(WebTestClientCors.preflight(this.client, PUT_JSON)).allowsPreflightOf(PUT_JSON)
            .cachesPreflightFor(Duration.ofMinutes(10))
            .isWellFormed();
        assertThatCors(WebTestClientCors.request(this.client, BrowserRequest.from("https://app.example.com")
            .to("GET", "/api/orders"))).allowsOriginWithCredentials("https://app.example.com")
            .exposes("X-Total-Count")
            .isWellFormed();
    }

    @Test
    void aRowWithAJsonContentTypeSendsABodyThatFitsIt() {
        SliceTestApplication.bodies.clear();
        CorsPolicyTable.of(this.client)
            .allowsWithCredentials("/api/orders", List.of("https://app.example.com"), List.of("POST"),
                    "Content-Type: application/json")
            .verify();
        assertThat(SliceTestApplication.bodies).containsExactly(Map.of());
    }

    @Nested
    @TestPropertySource(properties = BrokenPolicies.NO_PUT)
    class WithoutPut {

        @Autowired
        WebTestClient client;

        @Test
        void theFailureNamesAllowedMethods() {
            BrokenPolicies.assertFailsNaming(CorsPolicyTable.of(this.client), BrokenPolicies.NO_PUT);
        }

    }

    @Nested
    @TestPropertySource(properties = BrokenPolicies.MISSPELT_ORIGIN)
    class WithAMisspeltOrigin {

        @Autowired
        WebTestClient client;

        @Test
        void theFailureNamesAllowedOrigins() {
            BrokenPolicies.assertFailsNaming(CorsPolicyTable.of(this.client), BrokenPolicies.MISSPELT_ORIGIN);
        }

    }

    @Nested
    @TestPropertySource(properties = BrokenPolicies.NO_CONTENT_TYPE)
    class WithoutContentType {

        @Autowired
        WebTestClient client;

        @Test
        void theFailureNamesAllowedHeaders() {
            BrokenPolicies.assertFailsNaming(CorsPolicyTable.of(this.client), BrokenPolicies.NO_CONTENT_TYPE);
        }

    }

    /** The same checks fail where the starter's filter is absent. */
    @Nested
    @TestPropertySource(properties = "app.cors.enabled=false")
    class WithoutTheFilter {

        // Its own, from its own context: the enclosing instance's comes from the enclosing test's context.
        @Autowired
        WebTestClient clientWithoutFilter;

        @Test
        void theTableFails() {
            assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> CorsPolicyTable.of(this.clientWithoutFilter)
                .allowsWithCredentials("/api/orders/1", List.of("https://app.example.com"), List.of("GET"))
                .verify()).withMessageContaining("expected a browser to allow it");
        }

    }

}
