package dev.fetchcors.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.fetchcors.test.reason.CorsReasonAutoConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * A response as the browser's CORS checks read it: the status and every header line, with a description of the
 * request it answered when known. {@link CorsAssertions} builds it from MockMvc, WebTestClient and JDK client
 * results.
 *
 * @param request what was sent, for messages, or {@code null}
 * @param status the status code
 * @param headers every header line as a name and a value, in order
 */
public record CorsResponse(@Nullable String request, int status, List<Map.Entry<String, String>> headers) {

    /** Every value of a header, one per line, the name matched case-insensitively. */
    List<String> values(String name) {
        List<String> values = new ArrayList<>(1);
        for (Map.Entry<String, String> header : this.headers) {
            if (header.getKey().equalsIgnoreCase(name)) {
                values.add(header.getValue());
            }
        }
        return values;
    }

    /** Every element of a comma-separated header over all its lines, trimmed, empty ones dropped. */
    List<String> elements(String name) {
        List<String> elements = new ArrayList<>();
        for (String line : values(name)) {
            for (String element : line.split(",")) {
                if (!element.isBlank()) {
                    elements.add(element.strip());
                }
            }
        }
        return elements;
    }

    /**
     * The application's own reason for refusing the request, as the starter's policy gives it (in an application
     * that has this kit on its class path), or {@code null} when the response does not say.
     */
    @Nullable String reason() {
        List<String> reasons = values(CorsReasonAutoConfiguration.HEADER);
        return reasons.isEmpty() ? null : reasons.get(0);
    }

    /** The status and the CORS header lines ({@code Access-Control-*} and {@code Vary}), for messages. */
    String describe() {
        StringBuilder text = new StringBuilder();
        if (this.request != null) {
            text.append(this.request).append(" -> ");
        }
        text.append(this.status);
        boolean any = false;
        for (Map.Entry<String, String> header : this.headers) {
            String lower = header.getKey().toLowerCase(Locale.ROOT);
            if (lower.startsWith("access-control-") || lower.equals("vary")) {
                text.append(any ? ", " : " with ").append(header.getKey()).append(": ").append(header.getValue());
                any = true;
            }
        }
        if (!any) {
            text.append(" without CORS headers");
        }
        return text.toString();
    }

}
