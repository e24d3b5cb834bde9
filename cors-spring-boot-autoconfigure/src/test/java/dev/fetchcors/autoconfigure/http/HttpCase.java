package dev.fetchcors.autoconfigure.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.fetchcors.core.CorsHeaders;


/**
 * One HTTP exchange of the shared table: the request to send and what the response must say, header by header.
 * An expected header value of {@code null} means the header must be absent.
 */
public final class HttpCase {

    /** Every CORS response header: none may ever appear on more than one line. */
    public static final List<String> CORS_HEADERS = CorsHeaders.RESPONSE_HEADERS;

    public final String name;

    public final String method;

    public final String path;

    public final List<String[]> requestHeaders = new ArrayList<>();

    public int status;

    public final Map<String, String> expectedHeaders = new LinkedHashMap<>();

    public String vary;

    public boolean varyChecked;

    public String varyIncludes;

    private HttpCase(String name, String method, String path) {
        this.name = name;
        this.method = method;
        this.path = path;
    }

    public static HttpCase request(String name, String method, String path) {
        return new HttpCase(name, method, path);
    }

    public HttpCase header(String name, String value) {
        this.requestHeaders.add(new String[] { name, value });
        return this;
    }

    public HttpCase origin(String origin) {
        return header("Origin", origin);
    }

    public HttpCase preflight(String origin, String method) {
        return origin(origin).header("Access-Control-Request-Method", method);
    }

    public HttpCase status(int status) {
        this.status = status;
        return this;
    }

    public HttpCase expect(String header, String value) {
        this.expectedHeaders.put(header, value);
        return this;
    }

    public HttpCase absent(String... headers) {
        for (String header : headers) {
            this.expectedHeaders.put(header, null);
        }
        return this;
    }

    /** No CORS header at all. */
    public HttpCase noCorsHeaders() {
        return absent(CORS_HEADERS.toArray(String[]::new));
    }

    /** The exact {@code Vary} value, all its lines joined by ", "; {@code null} for none. */
    public HttpCase vary(String vary) {
        this.vary = vary;
        this.varyChecked = true;
        return this;
    }

    /** {@code Vary} must hold this token, and may hold others that Spring itself adds. */
    public HttpCase varyIncludes(String token) {
        this.varyIncludes = token;
        return this;
    }

    @Override
    public String toString() {
        return this.name;
    }

}
