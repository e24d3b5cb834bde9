package dev.fetchcors.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_HEADERS;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_METHODS;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_ORIGIN;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_PRIVATE_NETWORK;

/**
 * The browser's side of the Fetch standard, written once: which methods and request headers a page's script may use
 * without a preflight, which it may never use, how a browser reads a comma-separated list, and the checks it runs on
 * a CORS answer before the script may read it. The engine, its diagnostics ({@link BrowserClassifier}), the shadow
 * comparison ({@link CorsDifference}) and the test kit all quote these rules; none writes them again.
 *
 * <pre>{@code
 * BrowserRules.isSafelistedMethod("PUT");                                   // false: PUT is preflighted
 * BrowserRules.isSafelistedRequestHeader("Content-Type", "text/plain");    // true
 * BrowserRules.isForbiddenMethod("TRACE");                                  // true: no script may send it
 * BrowserRules.corsCheck(answer, "https://app.example.com", true);         // null, or the check that fails
 * }</pre>
 *
 * @see <a href="https://fetch.spec.whatwg.org/#methods">Fetch, "Methods"</a>
 * @see <a href="https://fetch.spec.whatwg.org/#terminology-headers">Fetch, "Headers"</a>
 * @see <a href="https://fetch.spec.whatwg.org/#cors-check">Fetch, "CORS check"</a>
 */
public final class BrowserRules {

    /** Fetch: a CORS-safelisted request-header's value is at most this many bytes. */
    public static final int MAX_SAFELISTED_VALUE_BYTES = 128;

    /** Fetch: past this many bytes of safelisted values together, all of those headers are CORS-unsafe. */
    public static final int MAX_SAFELISTED_TOTAL_BYTES = 1024;

    /** Fetch: forbidden request-header names (besides {@code proxy-*} and {@code sec-*}); scripts never set them. */
    private static final Set<String> FORBIDDEN_REQUEST_HEADERS = Set.of("accept-charset", "accept-encoding",
            "access-control-request-headers", "access-control-request-method", "connection", "content-length",
            "cookie", "cookie2", "date", "dnt", "expect", "host", "keep-alive", "origin", "referer", "set-cookie",
            "te", "trailer", "transfer-encoding", "upgrade", "via");

    /** Fetch: forbidden response-header names; browsers never expose them to scripts. */
    private static final Set<String> FORBIDDEN_RESPONSE_HEADERS = Set.of("set-cookie", "set-cookie2");

    /** Fetch: CORS-safelisted response-header names, readable by any script that passed the CORS check. */
    private static final Set<String> SAFELISTED_RESPONSE_HEADERS = Set.of("cache-control", "content-language",
            "content-length", "content-type", "expires", "last-modified", "pragma");

    /** Fetch: the check of a CORS answer that a browser found failing, in the order it runs them. */
    public enum Failure {

        /** {@code Access-Control-Allow-Origin} is missing, repeated, or names another origin. */
        ORIGIN,

        /** The request carries credentials and the answer does not allow them ({@code *}, or no {@code -Credentials: true}). */
        CREDENTIALS,

        /** A preflight's answer has no ok status (2xx). */
        STATUS,

        /** A private network access preflight is not answered with {@code Access-Control-Allow-Private-Network: true}. */
        PRIVATE_NETWORK,

        /** The method asked for is not in {@code Access-Control-Allow-Methods}. */
        METHOD,

        /** A request header asked for is not in {@code Access-Control-Allow-Headers}. */
        HEADERS

    }

    private BrowserRules() {
    }

    /** Fetch: a CORS-safelisted method is {@code GET}, {@code HEAD} or {@code POST}, byte for byte. */
    public static boolean isSafelistedMethod(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "POST".equals(method);
    }

    /**
     * Fetch: a forbidden method ({@code CONNECT}, {@code TRACE}, {@code TRACK}, in any case), which no script may
     * send; or no method at all (not an RFC 9110 token).
     */
    public static boolean isForbiddenMethod(String method) {
        return !HttpLists.isToken(method) || method.equalsIgnoreCase("CONNECT") || method.equalsIgnoreCase("TRACE")
                || method.equalsIgnoreCase("TRACK");
    }

    /**
     * RFC 9110, 9.2.1: a safe method ({@code GET}, {@code HEAD}, {@code OPTIONS}, {@code TRACE}), which by its
     * semantics changes nothing on the server. A request from another site with an unsafe method and no
     * {@code Origin} is one a browser sent cross-site all the same ({@code Sec-Fetch-Site}).
     */
    public static boolean isSafeMethod(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method) || "TRACE".equals(method);
    }

    /**
     * Fetch, "normalize a method": a browser upper-cases {@code delete}, {@code get}, {@code head}, {@code options},
     * {@code post} and {@code put} (ASCII only) and sends every other method as the script wrote it.
     */
    public static String normalizeMethod(String method) {
        // Byte-case-insensitive: ASCII only, so that "poſt" does not become POST.
        String upper = HttpLists.toUpperAscii(method);
        return switch (upper) {
            case "DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT" -> upper;
            default -> method;
        };
    }

    /**
     * Fetch: whether one request header, as a script sets it, is CORS-safelisted (the 1,024-byte total of all of
     * them aside): {@code Accept}, {@code Accept-Language}, {@code Content-Language}, {@code Content-Type} (only
     * {@link #isSafelistedContentType three essences}) and {@code Range} (one {@code bytes=N-} or
     * {@code bytes=N-M}), each at most {@value #MAX_SAFELISTED_VALUE_BYTES} bytes. {@code Last-Event-ID}, which
     * older lists name, is no longer safelisted.
     *
     * @param name the header name, in any case
     * @param value the header value
     */
    public static boolean isSafelistedRequestHeader(String name, String value) {
        if (utf8Length(value) > MAX_SAFELISTED_VALUE_BYTES) {
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
                return isSafelistedContentType(value);
            case "range":
                return isSimpleRange(value);
            default:
                return false;
        }
    }

    /**
     * Fetch: whether a {@code Content-Type} is one a browser sends without asking: no CORS-unsafe byte, at most
     * {@value #MAX_SAFELISTED_VALUE_BYTES} bytes, and an essence of {@code application/x-www-form-urlencoded},
     * {@code multipart/form-data} or {@code text/plain}.
     */
    public static boolean isSafelistedContentType(String value) {
        if (utf8Length(value) > MAX_SAFELISTED_VALUE_BYTES || hasUnsafeByte(value)) {
            return false;
        }
        // Fetch, "parse a MIME type": the essence is what comes before ';', without HTTP whitespace around it (an
        // unsafe byte has already ruled out CR and LF). Compared in place, so that the shadow comparison allocates
        // nothing.
        int end = value.indexOf(';');
        if (end < 0) {
            end = value.length();
        }
        int start = HttpLists.skipOws(value, 0, end);
        end = HttpLists.trimOws(value, start, end);
        return isEssence(value, start, end, "application/x-www-form-urlencoded")
                || isEssence(value, start, end, "multipart/form-data") || isEssence(value, start, end, "text/plain");
    }

    private static boolean isEssence(String value, int start, int end, String essence) {
        return HttpLists.isLowerAsciiOf(value, start, end, essence);
    }

    /**
     * Fetch: a forbidden request-header name ({@code Cookie}, {@code Host}, {@code Origin}, {@code Proxy-*},
     * {@code Sec-*}, ...), which no script may set.
     *
     * @param name the header name, in any case
     */
    public static boolean isForbiddenRequestHeader(String name) {
        String lower = HttpLists.toLowerAscii(name);
        return FORBIDDEN_REQUEST_HEADERS.contains(lower) || lower.startsWith("proxy-") || lower.startsWith("sec-");
    }

    /** Fetch: a forbidden response-header name ({@code Set-Cookie}), which no script may ever read. */
    public static boolean isForbiddenResponseHeader(String name) {
        return FORBIDDEN_RESPONSE_HEADERS.contains(HttpLists.toLowerAscii(name));
    }

    /** Fetch: a CORS-safelisted response-header name, which any script that passed the CORS check may read. */
    public static boolean isSafelistedResponseHeader(String name) {
        return SAFELISTED_RESPONSE_HEADERS.contains(HttpLists.toLowerAscii(name));
    }

    /**
     * Fetch: a CORS non-wildcard request-header name ({@code Authorization}), which {@code *} in
     * {@code Access-Control-Allow-Headers} never covers.
     */
    public static boolean isNonWildcardRequestHeader(String name) {
        return isNonWildcardRequestHeader(name, 0, name.length());
    }

    /** {@link #isNonWildcardRequestHeader(String)} for the name {@code source[from, to)}; allocates nothing. */
    static boolean isNonWildcardRequestHeader(String source, int from, int to) {
        return HttpLists.isLowerAsciiOf(source, from, to, "authorization");
    }

    /**
     * Whether a comma-separated header value holds a token, as a browser reads such a list: elements split at
     * commas, optional whitespace around them ignored, empty elements skipped. Allocates nothing.
     *
     * @param list the header value, possibly {@code null}
     * @param token the token
     * @param caseSensitive {@code true} for methods (compared byte for byte), {@code false} for header names
     */
    public static boolean listContains(String list, String token, boolean caseSensitive) {
        return list != null && HttpLists.containsToken(list, token, 0, token.length(), caseSensitive);
    }

    /**
     * The elements of a comma-separated header over all its lines, as a browser reads them: split at commas,
     * stripped of optional whitespace, empty ones dropped.
     *
     * @param lines the header's lines
     * @return the elements, in order
     */
    public static List<String> listElements(Iterable<String> lines) {
        List<String> elements = new ArrayList<>();
        for (String line : lines) {
            if (line == null) {
                continue;
            }
            int length = line.length();
            int start = 0;
            while (start <= length) {
                int comma = line.indexOf(',', start);
                int end = (comma < 0) ? length : comma;
                int from = HttpLists.skipOws(line, start, end);
                int to = HttpLists.trimOws(line, from, end);
                if (from < to) {
                    elements.add(line.substring(from, to));
                }
                if (comma < 0) {
                    break;
                }
                start = comma + 1;
            }
        }
        return elements;
    }

    /**
     * Fetch, "CORS check": whether a script on {@code origin} may read an answer to an actual request (or go on
     * with a preflight's answer). Allocates nothing.
     *
     * @param answer the response as the browser received it
     * @param origin the request's {@code Origin}
     * @param credentialed whether the request carries credentials (cookies, HTTP authentication)
     * @return {@code null} when the browser goes on, else the failing check: {@link Failure#ORIGIN} or
     *         {@link Failure#CREDENTIALS}
     */
    public static Failure corsCheck(CorsAnswer answer, String origin, boolean credentialed) {
        String allowOrigin = answer.header(ACCESS_CONTROL_ALLOW_ORIGIN);
        if (allowOrigin == null) {
            return Failure.ORIGIN;
        }
        boolean star = "*".equals(allowOrigin);
        if (!star && !allowOrigin.equals(origin)) {
            return Failure.ORIGIN;
        }
        if (answer.isRepeated(ACCESS_CONTROL_ALLOW_ORIGIN)) {
            // A browser reads the lines as one value, "a, b", which matches no origin.
            return Failure.ORIGIN;
        }
        if (credentialed && (star || !"true".equals(answer.header(ACCESS_CONTROL_ALLOW_CREDENTIALS))
                || answer.isRepeated(ACCESS_CONTROL_ALLOW_CREDENTIALS))) {
            // Several lines read as one value, "true, true", which is not "true".
            return Failure.CREDENTIALS;
        }
        return null;
    }

    /**
     * Fetch, "CORS-preflight fetch", steps 7 to 9: whether a preflight's answer lets the browser send the request it
     * asked about. Allocates nothing where {@code Access-Control-Request-Headers} is on one line, as browsers send it.
     *
     * @param answer the preflight's response; its status 0 stands for one not known, taken as ok
     * @param preflight the preflight: its {@code Origin}, {@code Access-Control-Request-Method},
     *        {@code -Request-Headers} and {@code -Request-Private-Network}
     * @param credentialed whether the request it asks about carries credentials
     * @return {@code null} when the browser sends the request, else the failing check, in the order the browser
     *         runs them
     */
    public static Failure preflightCheck(CorsAnswer answer, CorsRequest preflight, boolean credentialed) {
        Failure cors = corsCheck(answer, preflight.header(CorsHeaders.ORIGIN), credentialed);
        if (cors != null) {
            return cors;
        }
        int status = answer.status();
        if (status != 0 && (status < 200 || status > 299)) {
            return Failure.STATUS;
        }
        if ("true".equals(preflight.header(CorsHeaders.ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK))
                && !"true".equals(answer.header(ACCESS_CONTROL_ALLOW_PRIVATE_NETWORK))) {
            return Failure.PRIVATE_NETWORK;
        }
        String method = preflight.header(CorsHeaders.ACCESS_CONTROL_REQUEST_METHOD);
        if (method != null && !isSafelistedMethod(method)) {
            String methods = answer.header(ACCESS_CONTROL_ALLOW_METHODS);
            boolean listed = listContains(methods, method, true);
            // Fetch: with credentials, "*" is a method literally named "*".
            boolean wildcard = !credentialed && hasStar(methods);
            if (!listed && !wildcard) {
                return Failure.METHOD;
            }
        }
        String first = preflight.header(CorsHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
        if (first == null) {
            return null;
        }
        String allowHeaders = answer.header(ACCESS_CONTROL_ALLOW_HEADERS);
        boolean wildcard = !credentialed && hasStar(allowHeaders);
        if (!preflight.isRepeated(CorsHeaders.ACCESS_CONTROL_REQUEST_HEADERS)) {
            return headersAllowed(first, allowHeaders, wildcard) ? null : Failure.HEADERS;
        }
        for (String line : preflight.headers(CorsHeaders.ACCESS_CONTROL_REQUEST_HEADERS)) {
            if (line != null && !headersAllowed(line, allowHeaders, wildcard)) {
                return Failure.HEADERS;
            }
        }
        return null;
    }

    /** Whether a list holds the token {@code *}; a list without the character is read no further. */
    static boolean hasStar(String list) {
        return list != null && list.indexOf('*') >= 0 && HttpLists.containsToken(list, "*", 0, 1, true);
    }

    private static boolean headersAllowed(String line, String allowHeaders, boolean wildcard) {
        int length = line.length();
        int start = 0;
        while (start <= length) {
            int comma = line.indexOf(',', start);
            int end = (comma < 0) ? length : comma;
            int a = HttpLists.skipOws(line, start, end);
            int b = HttpLists.trimOws(line, a, end);
            if (a < b) {
                boolean listed = allowHeaders != null && HttpLists.containsToken(allowHeaders, line, a, b, false);
                // Fetch: "*" never covers Authorization, a CORS non-wildcard request-header name.
                boolean nonWildcard = isNonWildcardRequestHeader(line, a, b);
                if (!listed && !(wildcard && !nonWildcard)) {
                    return false;
                }
            }
            if (comma < 0) {
                return true;
            }
            start = comma + 1;
        }
        return true;
    }

    /** The bytes of a value in UTF-8, as {@code String.getBytes} encodes it, counted without encoding it. */
    static int utf8Length(String value) {
        int length = value.length();
        int bytes = length;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                }
                else if (Character.isHighSurrogate(c) && i + 1 < length
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    // A pair: four bytes for two chars.
                    bytes += 2;
                    i++;
                }
                else if (!Character.isSurrogate(c)) {
                    bytes += 2;
                }
                // An unpaired surrogate is encoded as '?', one byte, as String.getBytes does.
            }
        }
        return bytes;
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

    /** Fetch: a simple range header value, {@code bytes=N-} or {@code bytes=N-M} with N at most M. */
    private static boolean isSimpleRange(String value) {
        if (!value.startsWith("bytes=")) {
            return false;
        }
        int i = 6;
        int startDigits = i;
        while (i < value.length() && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
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
