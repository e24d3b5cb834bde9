package dev.fetchcors.autoconfigure.surface;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Concrete values for patterns, so that a route or an allowed-origins entry can be judged as a request to it would
 * be: a path a route's pattern matches, an origin an entry allows. Each sample path is checked against the pattern
 * it stands for; nothing here decides anything about CORS.
 */
final class Samples {

    /** Tried in turn for each variable part of a pattern, until the pattern matches the path made. */
    private static final String[] FILLERS = { "1", "x", "123", "abc", "a-1" };

    /** An origin no entry lists: what a page anywhere else may do. */
    static final String OTHER_ORIGIN = "https://other-origin.example";

    private Samples() {
    }

    /**
     * A path the pattern matches: each variable part ({@code {id}}, {@code *}, {@code **}, {@code {*rest}},
     * {@code ?}) replaced by a short value.
     *
     * @param pattern the pattern
     * @return the path, or {@code null} when no value tried fits (a variable with a demanding regular expression)
     */
    static @Nullable String path(PathPattern pattern) {
        String text = pattern.getPatternString();
        for (String filler : FILLERS) {
            String candidate = fill(text, filler);
            if (!candidate.startsWith("/")) {
                candidate = "/" + candidate;
            }
            if (pattern.matches(PathContainer.parsePath(candidate))) {
                return candidate;
            }
        }
        return null;
    }

    private static String fill(String pattern, String filler) {
        StringBuilder path = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '{') {
                int end = closingBrace(pattern, i);
                boolean rest = i + 1 < pattern.length() && pattern.charAt(i + 1) == '*';
                // "{*rest}" captures the rest of the path, slash included; the slash before it is part of the capture.
                if (rest && path.length() > 0 && path.charAt(path.length() - 1) == '/') {
                    path.setLength(path.length() - 1);
                }
                path.append(rest ? "/" + filler : filler);
                i = end + 1;
            }
            else if (c == '*') {
                path.append(filler);
                i += (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') ? 2 : 1;
            }
            else if (c == '?') {
                path.append(filler.charAt(0));
                i++;
            }
            else if (c == '\\' && i + 1 < pattern.length()) {
                path.append(pattern.charAt(i + 1));
                i += 2;
            }
            else {
                path.append(c);
                i++;
            }
        }
        return path.toString();
    }

    /** The index of the brace that closes the one at {@code open}, braces of a regular expression counted. */
    private static int closingBrace(String pattern, int open) {
        int depth = 0;
        for (int i = open; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            }
            else if (c == '{') {
                depth++;
            }
            else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return pattern.length() - 1;
    }

    /**
     * An origin the entry allows: itself for an exact origin; for a pattern, a subdomain named {@code any} and port
     * 8443 in place of the wildcards.
     *
     * @param entry an entry of allowed-origins or send-only-origins
     * @return the origin
     */
    static String origin(String entry) {
        String origin = entry.replace("://*.", "://any.");
        if (origin.endsWith(":*")) {
            origin = origin.substring(0, origin.length() - 2) + ":8443";
        }
        return origin;
    }

}
