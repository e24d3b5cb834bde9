package dev.fetchcors.test;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import dev.fetchcors.core.BrowserClassifier;
import dev.fetchcors.core.BrowserRules;
import org.jspecify.annotations.Nullable;

/**
 * A cross-origin request as a page's script makes it with {@code fetch()}: the page's origin, the method and path,
 * the headers the script sets, and whether it sends credentials. From it, the requests a browser really sends
 * (a preflight first, when the Fetch standard says so) and the checks it applies to the answers.
 *
 * <pre>{@code
 * BrowserRequest put = BrowserRequest.from("https://app.example.com")
 *         .to("PUT", "/api/orders/1")
 *         .header("Content-Type", "application/json")
 *         .withCredentials();
 * put.isPreflighted();   // true: PUT and application/json are not CORS-safelisted
 * }</pre>
 */
public final class BrowserRequest {

    private final String origin;

    private final String method;

    private final String path;

    private final Map<String, String> headers;

    private final boolean credentials;

    private final @Nullable String body;

    private BrowserRequest(String origin, String method, String path, Map<String, String> headers,
            boolean credentials, @Nullable String body) {
        this.origin = origin;
        this.method = method;
        this.path = path;
        this.headers = headers;
        this.credentials = credentials;
        this.body = body;
    }

    /**
     * A {@code GET /} from a page on the given origin, without credentials; change it with the other methods.
     *
     * @param origin the page's origin, such as {@code https://app.example.com}, sent as {@code Origin}
     * @return the request
     */
    public static BrowserRequest from(String origin) {
        Objects.requireNonNull(origin, "origin");
        return new BrowserRequest(origin, "GET", "/", Map.of(), false, null);
    }

    /**
     * This request with another method and path.
     *
     * @param method the method the script passes; browsers upper-case DELETE, GET, HEAD, OPTIONS, POST and PUT
     * @param path the path, with its query if any
     * @return the request
     */
    public BrowserRequest to(String method, String path) {
        return new BrowserRequest(this.origin, BrowserRules.normalizeMethod(method), path, this.headers, this.credentials, this.body);
    }

    /**
     * This request with a header the script sets.
     *
     * @param name the header name
     * @param value its value
     * @return the request
     */
    public BrowserRequest header(String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(this.headers);
        headers.put(name, value);
        return new BrowserRequest(this.origin, this.method, this.path, Collections.unmodifiableMap(headers),
                this.credentials, this.body);
    }

    /** This request with {@code credentials: 'include'}: cookies go along, and the answer must allow them. */
    public BrowserRequest withCredentials() {
        return new BrowserRequest(this.origin, this.method, this.path, this.headers, true, this.body);
    }

    /**
     * This request with a body, sent with the request itself (never with its preflight), so that an endpoint that
     * reads one ({@code @RequestBody}) answers as it does for the page. It does not set {@code Content-Type}: set
     * it with {@link #header(String, String)}.
     *
     * @param body the body, such as {@code {"name":"Blue mug"}}
     * @return the request
     */
    public BrowserRequest body(String body) {
        return new BrowserRequest(this.origin, this.method, this.path, this.headers, this.credentials, body);
    }

    /** The body sent with the request itself, or {@code null} for none. */
    public @Nullable String body() {
        return this.body;
    }

    /** The page's origin. */
    public String origin() {
        return this.origin;
    }

    /** The method, as the browser sends it. */
    public String method() {
        return this.method;
    }

    /** The path. */
    public String path() {
        return this.path;
    }

    /** The headers the script sets. */
    public Map<String, String> headers() {
        return this.headers;
    }

    /** Whether the script sends credentials. */
    public boolean hasCredentials() {
        return this.credentials;
    }

    /** Whether a browser sends a preflight before this request (Fetch: a method or header not CORS-safelisted). */
    public boolean isPreflighted() {
        return classification().preflighted();
    }

    /**
     * The headers of the preflight a browser sends before this request: {@code Origin},
     * {@code Access-Control-Request-Method}, and {@code Access-Control-Request-Headers} (the CORS-unsafe names,
     * lower case, sorted, comma-separated) when there are any.
     */
    public Map<String, String> preflightHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Origin", this.origin);
        headers.put("Access-Control-Request-Method", this.method);
        String requestHeaders = classification().accessControlRequestHeaders();
        if (requestHeaders != null) {
            headers.put("Access-Control-Request-Headers", requestHeaders);
        }
        return Collections.unmodifiableMap(headers);
    }

    /** The headers of the request itself: {@code Origin} and the script's headers. */
    public Map<String, String> requestHeaders() {
        Map<String, String> headers = new LinkedHashMap<>(this.headers);
        headers.put("Origin", this.origin);
        return Collections.unmodifiableMap(headers);
    }

    BrowserClassifier.Classification classification() {
        return BrowserClassifier.classify(this.method, this.headers);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(this.method).append(' ').append(this.path).append(" from ")
            .append(this.origin);
        if (!this.headers.isEmpty()) {
            text.append(" with ").append(String.join(", ", this.headers.keySet()));
        }
        if (this.credentials) {
            text.append(", credentials included");
        }
        return text.toString();
    }

}
