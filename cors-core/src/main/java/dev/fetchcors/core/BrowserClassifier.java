package dev.fetchcors.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The browser's side of the Fetch standard: would a browser send this cross-origin request directly (a "simple"
 * request), or preflight it first? For diagnostics, logs and teaching; the server-side engine never relies on it.
 *
 * <pre>{@code
 * BrowserClassifier.Classification c = BrowserClassifier.classify("PUT",
 *         Map.of("Content-Type", "application/json", "X-Request-Id", "42"));
 * c.preflighted();                  // true
 * c.accessControlRequestHeaders();  // "content-type,x-request-id"
 * c.reason();                       // "PUT is not a CORS-safelisted method (GET, HEAD, POST); the headers ..."
 * }</pre>
 *
 * <p>The rules are today's Fetch standard, as {@link BrowserRules} writes them: safelisted methods GET, HEAD and
 * POST (after the browser upper-cases {@code delete}, {@code get}, {@code head}, {@code options}, {@code post} and
 * {@code put}); safelisted request headers Accept, Accept-Language, Content-Language, Content-Type (only
 * {@code application/x-www-form-urlencoded}, {@code multipart/form-data} and {@code text/plain}) and Range (a single
 * {@code bytes=N-} or {@code bytes=N-M}), each value at most 128 bytes and all of them together at most 1024 bytes.
 */
public final class BrowserClassifier {

    private BrowserClassifier() {
    }

    /**
     * How a browser would send a request.
     *
     * @param method the method as the browser sends it (normalized)
     * @param preflighted whether a preflight comes first
     * @param unsafeHeaderNames the CORS-unsafe request-header names, lower-cased, sorted and unique
     * @param accessControlRequestHeaders the preflight's {@code Access-Control-Request-Headers}, or {@code null}
     *        when it would send none
     * @param reason why, in words
     */
    public record Classification(String method, boolean preflighted, List<String> unsafeHeaderNames,
            String accessControlRequestHeaders, String reason) {
    }

    /**
     * Classifies a request as a script would make it with {@code fetch()}.
     *
     * @param method the method the script passed
     * @param headers the headers the script set, by name (a name set twice combined with ", ")
     * @return the classification
     */
    public static Classification classify(String method, Map<String, String> headers) {
        String normalized = BrowserRules.normalizeMethod(method);
        boolean safeMethod = BrowserRules.isSafelistedMethod(normalized);
        TreeSet<String> unsafe = new TreeSet<>();
        int total = 0;
        List<String> safelistedNames = new ArrayList<>();
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = HttpLists.toLowerAscii(header.getKey());
            String value = (header.getValue() != null) ? header.getValue() : "";
            if (BrowserRules.isSafelistedRequestHeader(name, value)) {
                total += BrowserRules.utf8Length(value);
                safelistedNames.add(name);
            }
            else {
                unsafe.add(name);
            }
        }
        if (total > BrowserRules.MAX_SAFELISTED_TOTAL_BYTES) {
            // Fetch: past 1024 bytes of safelisted values, those headers are all CORS-unsafe.
            unsafe.addAll(safelistedNames);
        }
        List<String> names = List.copyOf(unsafe);
        boolean preflighted = !safeMethod || !names.isEmpty();
        StringBuilder reason = new StringBuilder();
        if (!safeMethod) {
            reason.append(normalized).append(" is not a CORS-safelisted method (GET, HEAD, POST)");
        }
        if (!names.isEmpty()) {
            reason.append((reason.length() > 0) ? "; " : "")
                .append((names.size() == 1) ? "the header " : "the headers ")
                .append(String.join(", ", names))
                .append((names.size() == 1) ? " is" : " are")
                .append(" not CORS-safelisted")
                .append((total > BrowserRules.MAX_SAFELISTED_TOTAL_BYTES) ? " (safelisted values total over 1024 bytes)" : "");
        }
        if (reason.length() == 0) {
            reason.append("a safelisted method with only safelisted headers: sent without a preflight");
        }
        else {
            reason.append(": the browser sends a preflight first");
        }
        return new Classification(normalized, preflighted, names, names.isEmpty() ? null : String.join(",", names),
                reason.toString());
    }

}
