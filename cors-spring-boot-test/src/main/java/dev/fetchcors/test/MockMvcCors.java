package dev.fetchcors.test;

import java.net.URI;

import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The requests a browser sends, as MockMvc request builders, for {@code MockMvc.perform} and
 * {@code MockMvcTester.perform} alike.
 *
 * <pre>{@code
 * BrowserRequest put = BrowserRequest.from("https://app.example.com").to("PUT", "/api/orders/1")
 *         .header("Content-Type", "application/json");
 * mockMvc.perform(MockMvcCors.preflight(put));   // OPTIONS with Origin and Access-Control-Request-*
 * mockMvc.perform(MockMvcCors.request(put));     // the PUT itself, with Origin
 * }</pre>
 */
public final class MockMvcCors {

    private MockMvcCors() {
    }

    /** The preflight a browser sends before the request. */
    public static MockHttpServletRequestBuilder preflight(BrowserRequest request) {
        MockHttpServletRequestBuilder builder = MockMvcRequestBuilders.options(URI.create(request.path()));
        request.preflightHeaders().forEach(builder::header);
        return builder;
    }

    /** The request itself, with {@code Origin} and the script's headers. */
    public static MockHttpServletRequestBuilder request(BrowserRequest request) {
        MockHttpServletRequestBuilder builder = MockMvcRequestBuilders.request(HttpMethod.valueOf(request.method()),
                URI.create(request.path()));
        request.requestHeaders().forEach(builder::header);
        if (request.body() != null) {
            builder.content(request.body());
        }
        return builder;
    }

}
