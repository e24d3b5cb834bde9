package dev.fetchcors.test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Responses of the JDK's HTTP client as {@link CorsResponse}s. */
final class JdkResponses {

    private JdkResponses() {
    }

    static CorsResponse of(HttpResponse<?> response) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        response.headers().map().forEach((name, values) -> values.forEach((value) -> headers.add(Map.entry(name,
                value))));
        return new CorsResponse(response.request().method() + " " + response.request().uri().getRawPath(),
                response.statusCode(), headers);
    }

}
