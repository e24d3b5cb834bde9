package dev.fetchcors.autoconfigure.surface;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.fetchcors.autoconfigure.surface.CorsSurface.Access;
import dev.fetchcors.autoconfigure.surface.CorsSurface.Origin;
import dev.fetchcors.autoconfigure.surface.CorsSurface.Policy;
import dev.fetchcors.autoconfigure.surface.CorsSurface.Route;
import dev.fetchcors.autoconfigure.surface.CorsSurface.Selection;
import dev.fetchcors.autoconfigure.surface.CorsSurface.Source;
import dev.fetchcors.core.CorsConfig.Setting;
import org.jspecify.annotations.Nullable;

/**
 * The Markdown form of a {@link CorsSurface}, both ways: written for a repository and a pull request, and read back
 * into the facts it states ({@link Facts}), which {@link CorsSurfaceChanges} compares. What could change without the
 * surface changing (times, the number of origins a source holds, class names, handlers) is left out.
 */
final class SurfaceMarkdown {

    static final String TITLE = "# CORS surface";

    static final String POLICIES = "## Policies";

    static final String ROUTES = "## Routes";

    static final String BY_ORIGIN = "## By origin";

    static final String NOTHING = "Nothing.";

    static final String NONE = "—";

    /** The policy table's columns after {@code policy}: each a setting's property name. */
    static final List<String> POLICY_COLUMNS = List.of(Setting.MODE.key(), "path-patterns",
            Setting.ALLOWED_ORIGINS.key(), Setting.ALLOW_CREDENTIALS.key(), Setting.ALLOWED_METHODS.key(),
            Setting.ALLOWED_HEADERS.key(), Setting.EXPOSED_HEADERS.key(), Setting.SEND_ONLY_ORIGINS.key(),
            Setting.CROSS_ORIGIN_PROTECTION.key(), Setting.ALLOW_PRIVATE_NETWORK.key(),
            Setting.WEBSOCKET_HANDSHAKES.key());

    static final String READS = "reads";

    static final String CREDENTIALS = "reads with credentials";

    static final String RUNS = "runs without reading";

    static final String SOCKET = "opens a socket";

    static final String ORIGIN_CHECK = "an origin check";

    /** After the route of an origin's row that opens an actuator route to that origin's pages. */
    static final String ACTUATOR_MARK = "**⚠ actuator open**";

    /** The methods cell of a route that serves any. */
    static final String ANY = "any";

    /** Before the path a policy applies to, in the selected-by cell of a route under several. */
    private static final String FOR = ", for ";

    private SurfaceMarkdown() {
    }

    static String render(CorsSurface surface) {
        StringBuilder out = new StringBuilder();
        out.append(TITLE).append("\n\n");
        out.append("What a page on another origin may do with this application, route by route, as Fetch CORS computed it\n")
            .append("from the running application's routers and CORS policies. A test compares the application with this\n")
            .append("file: write it afresh with -Dfetchcors.surface.update=true (or FETCHCORS_SURFACE_UPDATE=true), then\n")
            .append("review and commit the difference.\n\n");
        if (surface.origin() == null) {
            out.append(POLICIES).append("\n\n");
            List<String> header = new ArrayList<>(List.of("policy"));
            header.addAll(POLICY_COLUMNS);
            row(out, header);
            separator(out, header.size());
            for (Policy policy : surface.policies()) {
                row(out, List.of(policy.name(), policy.mode(), list(policy.pathPatterns(), true),
                        list(origins(policy), false), Boolean.toString(policy.allowCredentials()),
                        list(policy.allowedMethods(), false), list(policy.allowedHeaders(), false),
                        list(policy.exposedHeaders(), false), list(code(policy.sendOnlyOrigins()), false),
                        Boolean.toString(policy.crossOriginProtection()),
                        Boolean.toString(policy.allowPrivateNetwork()),
                        Boolean.toString(policy.websocketHandshakes())));
            }
            out.append('\n').append(ROUTES).append("\n\n");
            List<String> routeHeader = List.of("route", "methods", "served by", "policy", "selected by");
            row(out, routeHeader);
            separator(out, routeHeader.size());
            for (Route route : surface.routes()) {
                for (Selection selection : route.policies()) {
                    row(out, List.of(code(route.path()), route.methods().isEmpty() ? ANY : String.join(", ",
                            route.methods()), String.join(", ", route.servedBy()), selection.policy(),
                            selectedBy(selection, route.policies().size() > 1)));
                }
            }
            out.append('\n');
        }
        out.append(BY_ORIGIN).append("\n\n");
        out.append("Reads: the methods whose answer a script on that origin may read; with credentials: with the user's\n")
            .append("cookies; runs without reading: the requests the application runs although the page may not read\n")
            .append("the answer; opens a socket: a WebSocket or SockJS session. A method other than GET, HEAD and POST\n")
            .append("counts only where its preflight is allowed.\n");
        if (surface.origins()
            .stream()
            .flatMap((origin) -> origin.routes().stream())
            .anyMatch((access) -> surface.actuatorExposure(access) != null)) {
            out.append('\n').append(ACTUATOR_MARK)
                .append(": an actuator route that a page on that origin may read with the user's\n")
                .append("cookies, or make run with a method other than GET, HEAD and OPTIONS. Narrow the\n")
                .append("path-patterns of its policy, or exclude /actuator/** (a per-path policy of its own that\n")
                .append("allows no origin, or management.server.port).\n");
        }
        for (Origin origin : surface.origins()) {
            out.append("\n### ").append(label(origin.origin())).append("\n\n");
            if (origin.routes().isEmpty()) {
                out.append(NOTHING).append('\n');
                continue;
            }
            List<String> header = List.of("route", "policy", READS, CREDENTIALS, RUNS, SOCKET);
            row(out, header);
            separator(out, header.size());
            for (Access access : origin.routes()) {
                String exposed = surface.actuatorExposure(access);
                String route = code(access.route()) + ((exposed != null) ? " " + ACTUATOR_MARK : "");
                row(out, List.of(route, access.policy(), list(access.reads(), false),
                        list(access.readsWithCredentials(), false), list(access.runsWithoutReading(), false),
                        access.opensSocket() ? "yes" : NONE));
            }
        }
        return out.toString();
    }

    /** The allowed origins as configured, the sources by name only, and an origin check without its class. */
    private static List<String> origins(Policy policy) {
        List<String> origins = new ArrayList<>(code(policy.allowedOrigins()));
        for (Source source : policy.originSources()) {
            origins.add(CorsSurveyor.sourceLabel(source.name()));
        }
        if (policy.originCheck() != null) {
            origins.add(ORIGIN_CHECK);
        }
        return origins;
    }

    private static String selectedBy(Selection selection, boolean several) {
        String text = selection.selectedBy();
        if (text.startsWith("path-patterns ")) {
            text = "path-patterns " + code(text.substring("path-patterns ".length()));
        }
        return several ? text + FOR + code(selection.samplePath()) : text;
    }

    private static String label(String origin) {
        return (origin.contains("://")) ? code(origin) : origin;
    }

    private static List<String> code(List<String> values) {
        return values.stream().map(SurfaceMarkdown::code).toList();
    }

    private static String code(String value) {
        return "`" + value + "`";
    }

    private static String list(List<String> values, boolean code) {
        if (values.isEmpty()) {
            return NONE;
        }
        return String.join(", ", code ? code(values) : values);
    }

    private static void row(StringBuilder out, List<String> cells) {
        out.append('|');
        for (String cell : cells) {
            out.append(' ').append(cell.replace("|", "\\|")).append(" |");
        }
        out.append('\n');
    }

    private static void separator(StringBuilder out, int columns) {
        out.append('|');
        out.append("---|".repeat(columns));
        out.append('\n');
    }

    /**
     * Reads what a surface's Markdown states.
     *
     * @param markdown the document
     * @return its facts; empty when it holds no surface
     */
    static Facts read(String markdown) {
        Facts facts = new Facts();
        String section = "";
        String origin = null;
        for (String raw : markdown.split("\\R")) {
            String line = raw.strip();
            if (line.startsWith("## ")) {
                section = line;
                origin = null;
                continue;
            }
            if (line.startsWith("### ") && section.equals(BY_ORIGIN)) {
                origin = plain(line.substring(4).strip());
                facts.origins.computeIfAbsent(origin, (key) -> new ArrayList<>());
                continue;
            }
            if (!line.startsWith("|")) {
                continue;
            }
            List<String> cells = cells(line);
            if (cells.isEmpty() || cells.stream().allMatch((cell) -> cell.matches(":?-+:?"))) {
                continue;
            }
            String first = cells.get(0);
            if (first.equals("policy") || first.equals("route")) {
                continue;
            }
            if (section.equals(POLICIES) && cells.size() == POLICY_COLUMNS.size() + 1) {
                Map<String, List<String>> columns = new LinkedHashMap<>();
                for (int i = 0; i < POLICY_COLUMNS.size(); i++) {
                    columns.put(POLICY_COLUMNS.get(i), values(cells.get(i + 1)));
                }
                facts.policies.put(first, columns);
            }
            else if (section.equals(ROUTES) && cells.size() == 5) {
                RouteRow route = facts.routes.computeIfAbsent(plain(first),
                        (path) -> new RouteRow(path, values(cells.get(1)), values(cells.get(2))));
                route.policies.put(cells.get(3), plain(cells.get(4)));
            }
            else if (section.equals(BY_ORIGIN) && origin != null && cells.size() == 6) {
                facts.origins.get(origin).add(new AccessRow(route(first), cells.get(1), values(cells.get(2)),
                        values(cells.get(3)), values(cells.get(4)), cells.get(5).equals("yes")));
            }
        }
        return facts;
    }

    /** The cells of a table row, {@code \|} read as {@code |}. */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            }
            else if (c == '|') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            }
            else {
                cell.append(c);
            }
        }
        return cells;
    }

    private static List<String> values(String cell) {
        if (cell.equals(NONE) || cell.isEmpty()) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (String value : cell.split(", ")) {
            values.add(plain(value.strip()));
        }
        return values;
    }

    /** The route of a row's first cell: its code span, without a mark after it. */
    private static String route(String cell) {
        int open = cell.indexOf('`');
        int close = (open >= 0) ? cell.indexOf('`', open + 1) : -1;
        return (close > open) ? cell.substring(open + 1, close) : plain(cell);
    }

    /** Without the backticks of code spans. */
    static String plain(String text) {
        return text.replace("`", "");
    }

    /** What a surface's Markdown states, as read back. */
    static final class Facts {

        /** By policy name, each column's values. */
        final Map<String, Map<String, List<String>>> policies = new LinkedHashMap<>();

        /** By path. */
        final Map<String, RouteRow> routes = new LinkedHashMap<>();

        /** By origin label, the routes where it may do anything. */
        final Map<String, List<AccessRow>> origins = new LinkedHashMap<>();

        boolean isEmpty() {
            return this.policies.isEmpty() && this.routes.isEmpty() && this.origins.isEmpty();
        }

    }

    /** A route as the routes table states it. */
    static final class RouteRow {

        final String path;

        final List<String> methods;

        final List<String> servedBy;

        /** By policy name, why it applies. */
        final Map<String, String> policies = new LinkedHashMap<>();

        RouteRow(String path, List<String> methods, List<String> servedBy) {
            this.path = path;
            this.methods = methods;
            this.servedBy = servedBy;
        }

        /** Whether it serves any method: its methods cell says {@code any}. */
        boolean servesAny() {
            return this.methods.equals(List.of(ANY));
        }

        /**
         * What selects the given policy for it, without the path it stands for when it falls under several:
         * {@code path-patterns /api/**}.
         */
        @Nullable String selectedBy(String policy) {
            String selected = this.policies.get(policy);
            if (selected == null) {
                return null;
            }
            int sample = selected.lastIndexOf(FOR);
            return (sample < 0) ? selected : selected.substring(0, sample);
        }

    }

    /** A row of an origin's table. */
    record AccessRow(String route, String policy, List<String> reads, List<String> readsWithCredentials,
            List<String> runsWithoutReading, boolean opensSocket) {
    }

}
