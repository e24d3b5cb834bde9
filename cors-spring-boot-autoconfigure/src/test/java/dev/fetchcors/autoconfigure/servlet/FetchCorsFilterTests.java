package dev.fetchcors.autoconfigure.servlet;

import dev.fetchcors.autoconfigure.CorsPolicies;
import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.NamedCorsPolicy;
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
import org.springframework.web.util.ServletRequestPathUtils;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The servlet adapter on its own: what reaches the chain, the error dispatch, and the DEBUG line. */
@ExtendWith(OutputCaptureExtension.class)
class FetchCorsFilterTests {

    private static final CorsPolicy POLICY = CorsPolicy
        .compile(CorsConfig.builder().allowedOrigins("https://app.example.com").allowedMethods("PUT").build());

    private static final CorsPolicy PUBLIC = CorsPolicy.compile(CorsConfig.builder().allowedOrigins("*").build());

    private static final CorsPolicies WITH_PUBLIC = CorsPolicies.of(NamedCorsPolicy.of("default", POLICY),
            List.of(NamedCorsPolicy.of("public", List.of("/public/**"), PUBLIC)));

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
        assertThat(output).containsOnlyOnce("Refused CORS PREFLIGHT OPTIONS /api/orders (policy 'default'): Origin"
                + " 'https://evil.example' is not allowed");
    }

    /** Every value the client sent is escaped in the DEBUG line, the method and the path too: none forges a line. */
    @Test
    void theDebugLineEscapesWhatTheClientSent(CapturedOutput output) throws Exception {
        this.logging.setLogLevel(FetchCorsFilter.class.getName(), LogLevel.DEBUG);
        MockHttpServletRequest request = new MockHttpServletRequest("GET\nFAKE", "/api/orders\r\nINFO forged");
        request.addHeader("Origin", "https://evil.example\nINFO forged");
        MockHttpServletResponse response = new MockHttpServletResponse();
        new FetchCorsFilter(CorsPolicyResolver.of(POLICY)).doFilter(request, response, new MockFilterChain());
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(output).contains("Refused CORS ACTUAL GET\\u000aFAKE /api/orders\\u000d\\u000aINFO forged")
            .doesNotContain("\nINFO forged")
            .doesNotContain("\nFAKE");
    }

    @Test
    void nothingIsLoggedWhenDebugIsOff(CapturedOutput output) throws Exception {
        this.logging.setLogLevel(FetchCorsFilter.class.getName(), LogLevel.INFO);
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/orders");
        request.addHeader("Origin", "https://evil.example");
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();
        new FetchCorsFilter(CorsPolicyResolver.of(POLICY)).doFilter(request, response, chain);
        assertThat(chain.getRequest()).as("refused before the application runs").isNull();
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(output).doesNotContain("Refused CORS");
    }

    @Test
    void errorDispatchUsesThePolicyOfTheFailedRequestAndWritesNothingTwice() throws Exception {
        FetchCorsFilter filter = new FetchCorsFilter(WITH_PUBLIC);
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
    void thePathIsTheOneSpringMvcRoutesOnNeverNormalisedAgain() throws Exception {
        FetchCorsFilter filter = new FetchCorsFilter(WITH_PUBLIC);
        // Spring MVC's handler mappings match these raw segments: a '..' segment is a segment, so none of them
        // is routed to a handler of /public/** under the first two, and all of them are under the last three.
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("/account/..;/public/x", null);
        expected.put("/account/%2e%2e/public/x", null);
        expected.put("/public/..;/account", "*");
        expected.put("/public;jsessionid=1/file", "*");
        expected.put("/public/", "*");
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", entry.getKey());
            request.addHeader("Origin", "https://anyone.example");
            MockHttpServletResponse response = new MockHttpServletResponse();
            filter.doFilter(request, response, new MockFilterChain());
            assertThat(response.getHeader("Access-Control-Allow-Origin")).as(entry.getKey())
                .isEqualTo(entry.getValue());
            // The filter leaves no parsed path behind: the DispatcherServlet parses its own.
            assertThat(ServletRequestPathUtils.hasParsedRequestPath(request)).as(entry.getKey()).isFalse();
        }
    }

    @Test
    void twoOriginLinesAreNotAllowed() throws Exception {
        FetchCorsFilter filter = new FetchCorsFilter(CorsPolicyResolver.of(POLICY));
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/orders");
        request.addHeader("Origin", "https://app.example.com");
        request.addHeader("Origin", "https://app.example.com");
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        assertThat(response.getHeader("Access-Control-Allow-Origin")).isNull();
        assertThat(response.getHeader("Vary")).isEqualTo("Origin");
    }

    @Test
    void aHeaderWrittenBeforeTheFilterIsReplacedAndEveryHeaderComesOnce() throws Exception {
        // A response with no header yet gets the decision's headers added; one that has any is set, header by
        // header, as always: a second pass over the same response, or an earlier filter's own values, repeat nothing.
        FetchCorsFilter filter = new FetchCorsFilter(CorsPolicyResolver.of(POLICY));
        MockHttpServletResponse fresh = new MockHttpServletResponse();
        filter.doFilter(preflight(), fresh, new MockFilterChain());
        filter.doFilter(preflight(), fresh, new MockFilterChain());
        MockHttpServletResponse written = new MockHttpServletResponse();
        written.addHeader("Access-Control-Allow-Origin", "*");
        written.addHeader("Access-Control-Allow-Methods", "GET");
        written.addHeader("Vary", "Accept-Encoding");
        filter.doFilter(preflight(), written, new MockFilterChain());
        for (MockHttpServletResponse response : List.of(fresh, written)) {
            assertThat(response.getStatus()).isEqualTo(204);
            assertThat(response.getHeaders("Access-Control-Allow-Origin")).containsExactly("https://app.example.com");
            assertThat(response.getHeaders("Access-Control-Allow-Methods")).containsExactly("PUT");
        }
        assertThat(fresh.getHeaders("Vary"))
            .containsExactly("Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
        assertThat(written.getHeaders("Vary"))
            .containsExactly("Accept-Encoding, Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
    }

    private static MockHttpServletRequest preflight() {
        MockHttpServletRequest request = new MockHttpServletRequest("OPTIONS", "/api/orders");
        request.addHeader("Origin", "https://app.example.com");
        request.addHeader("Access-Control-Request-Method", "PUT");
        return request;
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

    /**
     * Tomcat speaks no RFC 8441, so an HTTP/2 extended CONNECT reaches Spring MVC only on servers that do (Jetty):
     * the request Spring's handshake handler would accept, judged at the adapter.
     */
    @Test
    void anHttp2ExtendedConnectIsJudgedAsAHandshake() throws Exception {
        FetchCorsFilter filter = new FetchCorsFilter(CorsPolicyResolver.of(POLICY));
        MockHttpServletRequest refused = connect("https://evil.example");
        MockHttpServletResponse refusedResponse = new MockHttpServletResponse();
        MockFilterChain refusedChain = new MockFilterChain();
        filter.doFilter(refused, refusedResponse, refusedChain);
        assertThat(refusedChain.getRequest()).isNull();
        assertThat(refusedResponse.getStatus()).isEqualTo(403);
        assertThat(refusedResponse.getHeader("Vary")).isEqualTo("Origin");

        for (String origin : List.of("https://app.example.com", "https://api.example.net")) {
            MockHttpServletRequest allowed = connect(origin);
            MockFilterChain chain = new MockFilterChain();
            filter.doFilter(allowed, new MockHttpServletResponse(), chain);
            assertThat(chain.getRequest()).as(origin).isSameAs(allowed);
            assertThat(allowed.getAttribute(FetchCorsFilter.ALLOWED_HANDSHAKE_ATTRIBUTE)).isEqualTo(Boolean.TRUE);
        }
    }

    private static MockHttpServletRequest connect(String origin) {
        MockHttpServletRequest request = new MockHttpServletRequest("CONNECT", "/ws/chat");
        request.setScheme("https");
        request.setServerName("api.example.net");
        request.setServerPort(443);
        request.addHeader("Origin", origin);
        request.addHeader("Sec-WebSocket-Version", "13");
        return request;
    }

    @Test
    void aHandshakeOnAPathNoPolicyCoversIsAcceptedFromTheApplicationsOwnOriginOnly() throws Exception {
        FetchCorsFilter filter = new FetchCorsFilter(CorsPolicies.of(null,
                List.of(NamedCorsPolicy.of("public", List.of("/public/**"), PUBLIC))));
        for (String[] row : new String[][] { { "https://api.example.net", "200" }, { "https://evil.example", "403" },
                { "https://app.example.com", "403" } }) {
            MockHttpServletRequest handshake = new MockHttpServletRequest("GET", "/ws/chat");
            handshake.setScheme("https");
            handshake.setServerName("api.example.net");
            handshake.setServerPort(443);
            handshake.addHeader("Origin", row[0]);
            handshake.addHeader("Upgrade", "websocket");
            MockHttpServletResponse response = new MockHttpServletResponse();
            filter.doFilter(handshake, response, new MockFilterChain());
            assertThat(response.getStatus()).as(row[0]).isEqualTo(Integer.parseInt(row[1]));
        }
        // Not a handshake: left alone, without so much as a Vary.
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/orders");
        request.addHeader("Origin", "https://evil.example");
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        assertThat(response.getHeaderNames()).isEmpty();
    }

    @Test
    void aResolverMayLeaveARequestAlone() throws Exception {
        FetchCorsFilter filter = new FetchCorsFilter((request) -> null);
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
