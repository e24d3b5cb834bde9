package dev.fetchcors.autoconfigure.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.UriUtils;

/**
 * The path a server may serve for a request path: a servlet container (or the server of a service behind a gateway,
 * which forwards the path as it came) removes path parameters, resolves dot segments ({@code /public/..;/admin},
 * {@code /public/%2e%2e/admin}), merges empty segments ({@code //admin}) and may take an encoded or back slash for a
 * separator. Spring's routers match the path as it came; a servlet other than the {@code DispatcherServlet} and a
 * service behind a gateway serve this one, and the policy must be the one of what they serve. Support for the
 * starter's own packages.
 *
 * <pre>{@code
 * PathContainer served = ServedPaths.served(PathContainer.parsePath("/public/..;/admin"));   // "/admin"
 * }</pre>
 */
public final class ServedPaths {

    private ServedPaths() {
    }

    /**
     * The path a service may serve, where it is not the path as it came.
     *
     * @param path a request's path within the application
     * @return the path with dot segments resolved and empty segments merged, or {@code null} when the path has
     *         neither (nor a segment holding a separator once decoded)
     */
    public static @Nullable PathContainer served(PathContainer path) {
        if (!mayChange(path.value())) {
            return null;
        }
        String served = decoded(path);
        String encoded = UriUtils.encodePath(served, StandardCharsets.UTF_8);
        return encoded.equals(path.value()) ? null : PathContainer.parsePath(encoded);
    }

    /**
     * The path a server serves, decoded: path parameters removed, dot segments resolved, empty segments merged, a
     * segment holding a separator once decoded split there; what a servlet container matches its servlet mappings
     * against.
     *
     * @param path a request's path within the application
     * @return the served path, decoded, starting with {@code /}
     */
    public static String decoded(PathContainer path) {
        Deque<String> segments = new ArrayDeque<>();
        for (PathContainer.Element element : path.elements()) {
            if (!(element instanceof PathContainer.PathSegment segment)) {
                continue;
            }
            for (String part : segment.valueToMatch().split("[/\\\\]", -1)) {
                if (part.equals("..")) {
                    segments.pollLast();
                }
                else if (!part.isEmpty() && !part.equals(".")) {
                    segments.addLast(part);
                }
            }
        }
        StringBuilder served = new StringBuilder(path.value().length());
        for (String segment : segments) {
            served.append('/').append(segment);
        }
        if (served.isEmpty() || (!segments.isEmpty() && path.value().endsWith("/"))) {
            served.append('/');
        }
        return served.toString();
    }

    /** Whether a path may hold a dot segment, an empty one or an encoded separator: a scan, for every request. */
    private static boolean mayChange(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' || c == '\\' || (c == '.' && i > 0 && value.charAt(i - 1) == '/')
                    || (c == '/' && i > 0 && value.charAt(i - 1) == '/')) {
                return true;
            }
        }
        return false;
    }

}
