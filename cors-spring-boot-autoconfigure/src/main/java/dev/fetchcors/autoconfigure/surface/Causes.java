package dev.fetchcors.autoconfigure.surface;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.fetchcors.autoconfigure.surface.SurfaceMarkdown.Facts;
import dev.fetchcors.autoconfigure.surface.SurfaceMarkdown.RouteRow;
import dev.fetchcors.core.BrowserRules;
import dev.fetchcors.core.CorsConfig.Setting;
import org.jspecify.annotations.Nullable;

/**
 * Why an origin may do on a route what it could not: what changed between two surfaces that brings it there. A new
 * route or method, the route now selecting the policy (a widened path pattern), the origin added to the policy's
 * allowed or send-only origins, credentials turned on, a method allowed, cross-origin protection turned off. Several
 * may hold at once; each is named. Read from the Markdown of both sides, as {@link CorsSurfaceChanges} compares.
 */
final class Causes {

    private Causes() {
    }

    /**
     * The words in the brackets after a widening: {@code policy 'partner', added by path-patterns /api/**}.
     *
     * @param was the surface before
     * @param is the surface after
     * @param origin the origin's label, as the surface names it
     * @param route the route's path
     * @param policy the policy of the row ({@code none} for no policy)
     * @param method the method, empty for a socket
     * @param capabilities what it gained: the surface's column names
     * @return the words
     */
    static String of(Facts was, Facts is, String origin, String route, String policy, String method,
            Set<String> capabilities) {
        List<String> causes = new ArrayList<>(route(was, is, route, policy, method));
        if (!CorsSurfaceChanges.isNone(policy)) {
            causes.addAll(policy(was.policies.get(policy), is.policies.get(policy), origin, method, capabilities));
        }
        String which = CorsSurfaceChanges.isNone(policy) ? "no policy covers it" : "policy '" + policy + "'";
        return causes.isEmpty() ? which : which + ", added by " + String.join(" and ", causes);
    }

    /** A new route, a new method, or the route now falling under the policy. */
    private static List<String> route(Facts was, Facts is, String route, String policy, String method) {
        RouteRow before = was.routes.get(route);
        RouteRow after = is.routes.get(route);
        if (after == null || was.routes.isEmpty()) {
            return List.of();
        }
        if (before == null) {
            return List.of("a new route");
        }
        if (!method.isEmpty() && !before.servesAny() && !before.methods.contains(method)) {
            return List.of("a new method " + method);
        }
        if (CorsSurfaceChanges.isNone(policy) || before.policies.containsKey(policy)) {
            return List.of();
        }
        String selected = after.selectedBy(policy);
        if (selected == null) {
            return List.of();
        }
        return List.of(selected.startsWith("path-patterns ") ? selected
                : "the route falling under it (" + selected + ")");
    }

    /** The settings of the row's policy that changed the way of the capabilities gained. */
    private static List<String> policy(@Nullable Map<String, List<String>> before,
            @Nullable Map<String, List<String>> after,
            String origin, String method, Set<String> capabilities) {
        if (before == null || after == null) {
            return List.of();
        }
        List<String> causes = new ArrayList<>();
        boolean reads = capabilities.contains(SurfaceMarkdown.READS)
                || capabilities.contains(SurfaceMarkdown.CREDENTIALS) || capabilities.contains(SurfaceMarkdown.SOCKET);
        if (reads) {
            origins(before, after, Setting.ALLOWED_ORIGINS.key(), origin, causes);
        }
        if (capabilities.contains(SurfaceMarkdown.RUNS)) {
            origins(before, after, Setting.SEND_ONLY_ORIGINS.key(), origin, causes);
            turned(before, after, Setting.CROSS_ORIGIN_PROTECTION.key(), "false", causes);
        }
        if (capabilities.contains(SurfaceMarkdown.CREDENTIALS)) {
            turned(before, after, Setting.ALLOW_CREDENTIALS.key(), "true", causes);
        }
        if (!method.isEmpty() && !BrowserRules.isSafelistedMethod(method)) {
            String column = Setting.ALLOWED_METHODS.key();
            List<String> old = before.getOrDefault(column, List.of());
            List<String> now = after.getOrDefault(column, List.of());
            for (String allowed : List.of(method, "*")) {
                if (now.contains(allowed) && !old.contains(allowed)) {
                    causes.add(column + " " + allowed);
                }
            }
        }
        return causes;
    }

    /** The entries of an origin list added since that name the origin: itself, or a pattern or check that takes it. */
    private static void origins(Map<String, List<String>> before, Map<String, List<String>> after, String column,
            String origin, List<String> causes) {
        List<String> old = before.getOrDefault(column, List.of());
        for (String entry : after.getOrDefault(column, List.of())) {
            if (!old.contains(entry) && takes(entry, origin)) {
                causes.add(column + " " + entry);
            }
        }
    }

    private static void turned(Map<String, List<String>> before, Map<String, List<String>> after, String column,
            String value, List<String> causes) {
        if (after.getOrDefault(column, List.of()).equals(List.of(value))
                && !before.getOrDefault(column, List.of()).equals(List.of(value))) {
            causes.add(column + " " + value);
        }
    }

    /** Whether an entry of an origin list takes the origin a label names. */
    static boolean takes(String entry, String label) {
        if (entry.equals(label) || entry.equals(SurfaceMarkdown.ORIGIN_CHECK)) {
            return true;
        }
        if (entry.equals("*")) {
            return !label.startsWith("from source ");
        }
        if (entry.contains("*") && label.contains("://")) {
            String regex = Pattern.quote(entry).replace("*", "\\E[^/]*\\Q");
            return label.matches(regex);
        }
        return false;
    }

}
