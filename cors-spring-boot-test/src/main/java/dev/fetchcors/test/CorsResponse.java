package dev.fetchcors.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.fetchcors.autoconfigure.CorsProperties;
import dev.fetchcors.core.BrowserRules;
import dev.fetchcors.core.CorsAnswer;
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
public record CorsResponse(@Nullable String request, int status, List<Map.Entry<String, String>> headers)
        implements CorsAnswer {

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

    /** The first value of a header, without the whitespace around it, as a browser's HTTP stack reads it. */
    @Override
    public @Nullable String header(String name) {
        for (Map.Entry<String, String> header : this.headers) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue().strip();
            }
        }
        return null;
    }

    @Override
    public List<String> headers(String name) {
        return values(name);
    }

    /** Every element of a comma-separated header over all its lines, as a browser reads the list. */
    List<String> elements(String name) {
        return BrowserRules.listElements(values(name));
    }

    /**
     * The application's own reason for refusing the request, as the starter's policy gives it (in a Spring test,
     * where the kit turns {@code app.cors.reason-header} on), or {@code null} when the response does not say.
     */
    @Nullable String reason() {
        List<String> reasons = values(CorsProperties.REASON_HEADER);
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
