package dev.fetchcors.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * <p>The rules are today's Fetch standard: safelisted methods GET, HEAD and POST (after the browser upper-cases
 * {@code delete}, {@code get}, {@code head}, {@code options}, {@code post} and {@code put}); safelisted request
 * headers Accept, Accept-Language, Content-Language, Content-Type (only {@code application/x-www-form-urlencoded},
 * {@code multipart/form-data} and {@code text/plain}) and Range (a single {@code bytes=N-} or {@code bytes=N-M}),
 * each value at most 128 bytes and all of them together at most 1024 bytes. {@code Last-Event-ID}, which older
 * lists name, is no longer safelisted.
 */
public final class BrowserClassifier {

    private static final int MAX_VALUE_BYTES = 128;

    private static final int MAX_TOTAL_BYTES = 1024;

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
        String normalized = normalizeMethod(method);
        boolean safeMethod = isSafelistedMethod(normalized);
        TreeSet<String> unsafe = new TreeSet<>();
        int total = 0;
        List<String> safelistedNames = new ArrayList<>();
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = HttpLists.toLowerAscii(header.getKey());
            String value = (header.getValue() != null) ? header.getValue() : "";
            if (isSafelistedRequestHeader(name, value)) {
                total += value.getBytes(StandardCharsets.UTF_8).length;
                safelistedNames.add(name);
            }
            else {
                unsafe.add(name);
            }
        }
        if (total > MAX_TOTAL_BYTES) {
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
                .append((total > MAX_TOTAL_BYTES) ? " (safelisted values total over 1024 bytes)" : "");
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

    /** GET, HEAD or POST, byte for byte. */
    static boolean isSafelistedMethod(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "POST".equals(method);
    }

    /** Fetch: "normalize a method" upper-cases six methods and leaves every other one as it is. */
    static String normalizeMethod(String method) {
        // Byte-case-insensitive: ASCII only, so that "poſt" does not become POST.
        String upper = HttpLists.toUpperAscii(method);
        return switch (upper) {
            case "DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT" -> upper;
            default -> method;
        };
    }

    /**
     * Whether one header, as a script sets it, is a CORS-safelisted request-header (the 1024-byte total aside).
     *
     * @param name the header name, in any case
     * @param value the header value
     */
    static boolean isSafelistedRequestHeader(String name, String value) {
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
            return false;
        }
        switch (HttpLists.toLowerAscii(name)) {
            case "accept":
                return !hasUnsafeByte(value);
            case "accept-language":
            case "content-language":
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == ' '
                            || c == '*' || c == ',' || c == '-' || c == '.' || c == ';' || c == '=')) {
                        return false;
                    }
                }
                return true;
            case "content-type":
                if (hasUnsafeByte(value)) {
                    return false;
                }
                String essence = mimeEssence(value);
                return essence != null && (essence.equals("application/x-www-form-urlencoded")
                        || essence.equals("multipart/form-data") || essence.equals("text/plain"));
            case "range":
                return isSimpleRange(value);
            default:
                return false;
        }
    }

    /** Fetch: a CORS-unsafe request-header byte. */
    private static boolean hasUnsafeByte(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F || "\"():<>?@[\\]{}".indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The type/subtype of a MIME type, lower-cased, or {@code null} when it does not parse. */
    private static String mimeEssence(String value) {
        String trimmed = value.strip();
        int semicolon = trimmed.indexOf(';');
        String essence = ((semicolon < 0) ? trimmed : trimmed.substring(0, semicolon)).strip();
        int slash = essence.indexOf('/');
        if (slash <= 0 || slash == essence.length() - 1) {
            return null;
        }
        String type = essence.substring(0, slash);
        String subtype = essence.substring(slash + 1);
        if (!HttpLists.isToken(type) || !HttpLists.isToken(subtype)) {
            return null;
        }
        return essence.toLowerCase(Locale.ROOT);
    }

    /** Fetch: a simple range header value, {@code bytes=N-} or {@code bytes=N-M} with N at most M. */
    private static boolean isSimpleRange(String value) {
        if (!value.startsWith("bytes=")) {
            return false;
        }
        int i = 6;
        int startDigits = i;
        while (i < value.length() && Character.isDigit(value.charAt(i)) && value.charAt(i) < 128) {
            i++;
        }
        if (i == startDigits || i >= value.length() || value.charAt(i) != '-') {
            return false;
        }
        String first = value.substring(startDigits, i);
        i++;
        int endDigits = i;
        while (i < value.length() && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
            i++;
        }
        if (i != value.length()) {
            return false;
        }
        if (endDigits == i) {
            return true;
        }
        String last = value.substring(endDigits);
        return compareDecimal(first, last) <= 0;
    }

    private static int compareDecimal(String a, String b) {
        String x = a.replaceFirst("^0+(?=.)", "");
        String y = b.replaceFirst("^0+(?=.)", "");
        return (x.length() != y.length()) ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    }

}
