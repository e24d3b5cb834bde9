package dev.fetchcors.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A request as a list of header lines in the order received, looked up case-insensitively as HTTP servers do.
 * A header may appear on several lines.
 */
public final class TestRequest implements CorsRequest {

    private final String method;

    private final List<String[]> lines;

    private final String targetOrigin;

    private TestRequest(String method, List<String[]> lines, String targetOrigin) {
        this.method = method;
        this.lines = lines;
        this.targetOrigin = targetOrigin;
    }

    /**
     * A request with header lines given as name, value, name, value...
     *
     * @param method the method, as sent
     * @param namesAndValues alternating header names and values
     * @return the request
     */
    public static TestRequest of(String method, String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        List<String[]> lines = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            lines.add(new String[] { namesAndValues[i], namesAndValues[i + 1] });
        }
        return new TestRequest(method, Collections.unmodifiableList(lines), null);
    }

    /**
     * This request, sent to a resource of the given origin, as the server sees it.
     *
     * @param targetOrigin {@code scheme://host:port}
     * @return a copy
     */
    public TestRequest to(String targetOrigin) {
        return new TestRequest(this.method, this.lines, targetOrigin);
    }

    @Override
    public String targetOrigin() {
        return this.targetOrigin;
    }

    @Override
    public String method() {
        return this.method;
    }

    @Override
    public String header(String name) {
        for (String[] line : this.lines) {
            if (line[0].equalsIgnoreCase(name)) {
                return line[1];
            }
        }
        return null;
    }

    @Override
    public Iterable<String> headers(String name) {
        List<String> values = new ArrayList<>();
        for (String[] line : this.lines) {
            if (line[0].equalsIgnoreCase(name)) {
                values.add(line[1]);
            }
        }
        return values;
    }

    /** The header lines, as name and value pairs, in order. */
    public List<String[]> lines() {
        return this.lines;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(this.method);
        if (this.targetOrigin != null) {
            out.append(" to ").append(this.targetOrigin);
        }
        for (String[] line : this.lines) {
            String value = (line[1].length() > 80) ? line[1].substring(0, 80) + "...(" + line[1].length() + ")"
                    : line[1];
            out.append(" | ").append(line[0]).append(": ").append(value);
        }
        return out.toString();
    }

}
