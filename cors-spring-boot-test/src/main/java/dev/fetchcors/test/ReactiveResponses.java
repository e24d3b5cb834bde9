package dev.fetchcors.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.test.web.reactive.server.ExchangeResult;

/** {@code WebTestClient} results as {@link CorsResponse}s; loaded only where WebFlux is. */
final class ReactiveResponses {

    private ReactiveResponses() {
    }

    static CorsResponse of(ExchangeResult result) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        // forEach reads every line the same way on Framework 6.2 and 7.
        result.getResponseHeaders().forEach((name, values) -> values.forEach((value) -> headers.add(Map.entry(name,
                value))));
        return new CorsResponse(result.getMethod() + " " + result.getUrl().getRawPath(), result.getStatus().value(),
                headers);
    }

}
