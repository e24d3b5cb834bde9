package dev.fetchcors.test.slice;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.fetchcors.test.BrowserRequest;
import dev.fetchcors.test.CorsPolicyTable;
import dev.fetchcors.test.MockMvcCors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static dev.fetchcors.test.CorsAssertions.assertThatCors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A user's {@code @WebMvcTest}: the slice includes the starter, so MockMvc and {@code MockMvcTester} go through the
 * same CORS filter as the running application.
 */
@MvcSlice
class MvcSliceTests {

    static final BrowserRequest PUT_JSON = BrowserRequest.from("https://app.example.com")
        .to("PUT", "/api/orders/1")
        .header("Content-Type", "application/json")
        .withCredentials();

    @Autowired
    MockMvc mockMvc;

    @Autowired
    MockMvcTester mockMvcTester;

    @Test
    void thePolicyInThreeLines() {
        CorsPolicyTable.of(this.mockMvc)
            .allowsWithCredentials("/api/orders/1", List.of("https://app.example.com"), List.of("GET", "PUT"),
                    "Content-Type: application/json")
            .refuses("/api/orders/1", List.of("https://evil.example", "null", "https://app.example.com.evil.net"),
                    List.of("GET", "PUT"))
            .refuses("/api/orders/1", List.of("https://app.example.com"), List.of("DELETE"))
            .verify();
    }

    @Test
    void aPreflightAndTheRequestItAllows() throws Exception {
        assertThatCors(this.mockMvc.perform(MockMvcCors.preflight(PUT_JSON))).allowsPreflightOf(PUT_JSON)
            .cachesPreflightFor(Duration.ofMinutes(10))
            .isWellFormed();
        assertThatCors(this.mockMvc.perform(MockMvcCors.request(BrowserRequest.from("https://app.example.com")
            .to("GET", "/api/orders")))).allowsOriginWithCredentials("https://app.example.com")
            .exposes("X-Total-Count")
            .isWellFormed();
    }

    @Test
    void mockMvcTesterToo() {
        assertThatCors(this.mockMvcTester.perform(MockMvcCors.preflight(PUT_JSON))).allowsPreflightOf(PUT_JSON);
        CorsPolicyTable.of(this.mockMvcTester).refuses(PUT_JSON.header("X-Secret", "1")).verify();
    }

    @Test
    void everyRowThatComesOutOtherwiseIsReportedWithWhy() {
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> CorsPolicyTable.of(this.mockMvc)
            .refuses(PUT_JSON)
            .allows(BrowserRequest.from("https://evil.example").to("GET", "/api/orders"))
            .verify())
            .withMessageContaining("2 of 2 CORS expectations failed")
            .withMessageContaining("PUT /api/orders/1 from https://app.example.com with Content-Type, credentials"
                    + " included: expected a browser to refuse it, but it would send it")
            .withMessageContaining("GET /api/orders from https://evil.example: expected a browser to allow it, but the"
                    + " script may not read the answer: the response has no Access-Control-Allow-Origin");
    }

    @Test
    void aRowWithAJsonContentTypeSendsABodyThatFitsIt() {
        SliceTestApplication.bodies.clear();
        CorsPolicyTable.of(this.mockMvc)
            .allowsWithCredentials("/api/orders", List.of("https://app.example.com"), List.of("POST"),
                    "Content-Type: application/json")
            .verify();
        assertThat(SliceTestApplication.bodies).containsExactly(Map.of());
    }

    @Test
    void aRefusedPreflightAssertionQuotesThePolicysReason() throws Exception {
        BrowserRequest delete = BrowserRequest.from("https://app.example.com").to("DELETE", "/api/orders/1");
        assertThatExceptionOfType(AssertionError.class)
            .isThrownBy(() -> assertThatCors(this.mockMvc.perform(MockMvcCors.preflight(delete)))
                .allowsPreflightOf(delete))
            .withMessageContaining("the application's CORS policy 'default': Method 'DELETE' is not allowed: add"
                    + " it to allowed-methods");
    }

    @Nested
    @TestPropertySource(properties = BrokenPolicies.NO_PUT)
    class WithoutPut {

        @Autowired
        MockMvc mockMvc;

        @Autowired
        MockMvcTester mockMvcTester;

        @Test
        void theFailureNamesAllowedMethods() {
            BrokenPolicies.assertFailsNaming(CorsPolicyTable.of(this.mockMvc), BrokenPolicies.NO_PUT);
            BrokenPolicies.assertFailsNaming(CorsPolicyTable.of(this.mockMvcTester), BrokenPolicies.NO_PUT);
        }

    }

    @Nested
    @TestPropertySource(properties = BrokenPolicies.MISSPELT_ORIGIN)
    class WithAMisspeltOrigin {

        @Autowired
        MockMvc mockMvc;

        @Autowired
        MockMvcTester mockMvcTester;

        @Test
        void theFailureNamesAllowedOrigins() {
            BrokenPolicies.assertFailsNaming(CorsPolicyTable.of(this.mockMvc), BrokenPolicies.MISSPELT_ORIGIN);
            BrokenPolicies.assertFailsNaming(CorsPolicyTable.of(this.mockMvcTester), BrokenPolicies.MISSPELT_ORIGIN);
        }

    }

    @Nested
    @TestPropertySource(properties = BrokenPolicies.NO_CONTENT_TYPE)
    class WithoutContentType {

        @Autowired
        MockMvc mockMvc;

        @Autowired
        MockMvcTester mockMvcTester;

        @Test
        void theFailureNamesAllowedHeaders() {
            BrokenPolicies.assertFailsNaming(CorsPolicyTable.of(this.mockMvc), BrokenPolicies.NO_CONTENT_TYPE);
            BrokenPolicies.assertFailsNaming(CorsPolicyTable.of(this.mockMvcTester), BrokenPolicies.NO_CONTENT_TYPE);
        }

    }

    /** The same checks fail where the starter's filter is absent: they test the filter, not the controller. */
    @Nested
    @TestPropertySource(properties = "app.cors.enabled=false")
    class WithoutTheFilter {

        // Its own, from its own context: the enclosing instance's comes from the enclosing test's context.
        @Autowired
        MockMvc mockMvcWithoutFilter;

        @Test
        void theTableFails() {
            assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> CorsPolicyTable.of(this.mockMvcWithoutFilter)
                .allowsWithCredentials("/api/orders/1", List.of("https://app.example.com"), List.of("GET"))
                .verify()).withMessageContaining("expected a browser to allow it");
        }

        @Test
        void thePreflightAssertionFails() {
            assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThatCors(this.mockMvcWithoutFilter.perform(MockMvcCors.preflight(PUT_JSON)))
                    .allowsPreflightOf(PUT_JSON))
                .withMessageContaining("but the browser would stop");
        }

    }

}
