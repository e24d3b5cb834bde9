package dev.fetchcors.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MvcResult;

/** MockMvc results as {@link CorsResponse}s; loaded only where the servlet API is. */
final class ServletResponses {

    private ServletResponses() {
    }

    static CorsResponse of(MvcResult result) {
        MockHttpServletRequest request = result.getRequest();
        MockHttpServletResponse response = result.getResponse();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String name : response.getHeaderNames()) {
            for (String value : response.getHeaders(name)) {
                headers.add(Map.entry(name, value));
            }
        }
        return new CorsResponse(request.getMethod() + " " + request.getRequestURI(), response.getStatus(), headers);
    }

}
