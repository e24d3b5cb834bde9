package dev.fetchcors.core;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A plain reading of the contract's Access-Control-Request-Headers rules: split every line on commas, trim
 * spaces and tabs, count, and compare lower-cased names with a set. No shared code with the engine's scanner.
 */
final class ReferenceRequestHeaders {

    private ReferenceRequestHeaders() {
    }

    /**
     * The requested names lower-cased, unique, in request order; or {@code null} when the preflight must be refused.
     *
     * @param lines the header lines
     * @param allowed the allowed names, lower case
     * @param any whether {@code *} is configured
     */
    static Set<String> allowedNames(List<String> lines, Set<String> allowed, boolean any) {
        int bytes = 0;
        int empty = 0;
        int names = 0;
        Set<String> requested = new LinkedHashSet<>();
        for (String line : lines) {
            bytes += line.length() + 1;
            if (bytes > CorsPolicy.MAX_REQUEST_HEADERS_BYTES) {
                return null;
            }
            if (line.isEmpty()) {
                continue;
            }
            for (String element : line.split(",", -1)) {
                String name = element.replaceAll("^[ \t]+|[ \t]+$", "");
                if (name.isEmpty()) {
                    if (++empty > CorsPolicy.MAX_EMPTY_ELEMENTS) {
                        return null;
                    }
                    continue;
                }
                if (++names > CorsPolicy.MAX_REQUEST_HEADER_NAMES) {
                    return null;
                }
                if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                    return null;
                }
                String lower = name.toLowerCase(Locale.ROOT);
                boolean ok = allowed.contains(lower) || (any && !lower.equals("authorization"));
                if (!ok) {
                    return null;
                }
                requested.add(lower);
            }
        }
        return requested;
    }

}
