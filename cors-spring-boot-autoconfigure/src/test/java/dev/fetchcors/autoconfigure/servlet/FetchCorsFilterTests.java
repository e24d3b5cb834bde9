package dev.fetchcors.autoconfigure.servlet;

import dev.fetchcors.autoconfigure.CorsPolicies;
import dev.fetchcors.autoconfigure.CorsPoliciesResolver;
import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.core.CorsConfig;
import dev.fetchcors.core.CorsPolicy;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The servlet adapter on its own: what reaches the chain, the error dispatch, and the DEBUG line. */
@ExtendWith(OutputCaptureExtension.class)
class FetchCorsFilterTests {

    private static final CorsPolicy POLICY = CorsPolicy
        .compile(CorsConfig.builder().allowedOrigins("https://app.example.com").allowedMethods("PUT").build());

    private static final CorsPolicy PUBLIC = CorsPolicy.compile(CorsConfig.builder().allowedOrigins("*").build());

    private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

    @AfterEach
    void resetLogLevel() {
        this.logging.setLogLevel(FetchCorsFilter.class.getName(), null);
    }

    @Test
    void refusedPreflightIsAnsweredAndLoggedOnceAtDebug(CapturedOutput output) throws Exception {
        this.logging.setLogLevel(FetchCorsFilter.class.getName(), LogLevel.DEBUG);
        MockHttpServletRequest request = new MockHttpServletRequest("OPTIONS", "/api/orders");
        request.addHeader("Origin", "https://evil.example");
        request.addHeader("Access-Control-Request-Method", "PUT");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        new FetchCorsFilter(CorsPolicyResolver.of(POLICY)).doFilter(request, response, chain);
        assertThat(chain.getRequest()).isNull();
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getHeader("Access-Control-Allow-Origin")).isNull();
        assertThat(output).containsOnlyOnce("Refused CORS PREFLIGHT OPTIONS /api/orders: Origin 'https://evil.example'"
                + " is not allowed");
    }

    @Test
    void nothingIsLoggedWhenDebugIsOff(CapturedOutput output) throws Exception {
        this.logging.setLogLevel(FetchCorsFilter.class.getName(), LogLevel.INFO);
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/orders");
        request.addHeader("Origin", "https://evil.example");
        MockFilterChain chain = new MockFilterChain();
        new FetchCorsFilter(CorsPolicyResolver.of(POLICY)).doFilter(request, new MockHttpServletResponse(), chain);
        assertThat(chain.getRequest()).isSameAs(request);
        assertThat(output).doesNotContain("Refused CORS");
    }

    @Test
    void errorDispatchUsesThePolicyOfTheFailedRequestAndWritesNothingTwice() throws Exception {
        CorsPoliciesResolver resolver = new CorsPoliciesResolver(
                CorsPolicies.of(POLICY, List.of(CorsPolicies.PathPolicy.of("public", List.of("/public/**"), PUBLIC))));
        FetchCorsFilter filter = new FetchCorsFilter(resolver);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/public/file");
        request.addHeader("Origin", "https://anyone.example");
        filter.doFilter(request, response, new MockFilterChain());

        MockHttpServletRequest error = new MockHttpServletRequest("GET", "/error");
        error.setDispatcherType(DispatcherType.ERROR);
        error.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/public/file");
        error.addHeader("Origin", "https://anyone.example");
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(error, response, chain);
        assertThat(chain.getRequest()).isSameAs(error);
        assertThat(response.getHeaders("Access-Control-Allow-Origin")).containsExactly("*");
        assertThat(response.getHeaders("Vary")).isEmpty();
    }

    @Test
    void pathParametersAndDotSegmentsCannotBorrowAnotherPathsPolicy() throws Exception {
        CorsPoliciesResolver resolver = new CorsPoliciesResolver(
                CorsPolicies.of(POLICY, List.of(CorsPolicies.PathPolicy.of("public", List.of("/public/**"), PUBLIC))));
        FetchCorsFilter filter = new FetchCorsFilter(resolver);
        for (String uri : List.of("/public/..;/account", "/public/%2e%2e/account", "/public/./../account",
                "/public;x=y/../account")) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
            request.addHeader("Origin", "https://anyone.example");
            MockHttpServletResponse response = new MockHttpServletResponse();
            filter.doFilter(request, response, new MockFilterChain());
            assertThat(response.getHeader("Access-Control-Allow-Origin")).as(uri).isNull();
            assertThat(response.getHeader("Vary")).as(uri).isEqualTo("Origin");
        }
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/public;jsessionid=1/file");
        request.addHeader("Origin", "https://anyone.example");
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        assertThat(response.getHeader("Access-Control-Allow-Origin")).isEqualTo("*");
    }

    @Test
    void normalizesOnlyWhatNeedsIt() {
        assertThat(FetchCorsFilter.normalize("/api/orders/42")).isEqualTo("/api/orders/42");
        assertThat(FetchCorsFilter.normalize("/a/b/../c/./d/")).isEqualTo("/a/c/d/");
        assertThat(FetchCorsFilter.normalize("/a/..")).isEqualTo("/");
        assertThat(FetchCorsFilter.normalize("/../../x")).isEqualTo("/x");
        assertThat(FetchCorsFilter.normalize("/files/a%20b;v=1")).isEqualTo("/files/a%20b");
    }

    @Test
    void varyIsMergedIntoWhatTheResponseHasAndNeverRepeated() throws Exception {
        FetchCorsFilter filter = new FetchCorsFilter(CorsPolicyResolver.of(POLICY));
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.addHeader("Vary", "Accept-Encoding");
        response.addHeader("Vary", "Accept-Language");
        filter.doFilter(new MockHttpServletRequest("GET", "/"), response, new MockFilterChain());
        filter.doFilter(new MockHttpServletRequest("GET", "/"), response, new MockFilterChain());
        assertThat(response.getHeaders("Vary")).containsExactly("Accept-Encoding, Accept-Language, Origin");
    }

    @Test
    void aResolverMayLeaveARequestAlone() throws Exception {
        FetchCorsFilter filter = new FetchCorsFilter((path, request) -> null);
        MockHttpServletRequest request = new MockHttpServletRequest("OPTIONS", "/api/orders");
        request.addHeader("Origin", "https://app.example.com");
        request.addHeader("Access-Control-Request-Method", "PUT");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        assertThat(chain.getRequest()).isSameAs(request);
        assertThat(response.getHeaderNames()).isEmpty();
    }

}
