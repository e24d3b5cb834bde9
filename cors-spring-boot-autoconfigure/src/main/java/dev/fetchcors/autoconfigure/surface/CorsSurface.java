package dev.fetchcors.autoconfigure.surface;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.fetchcors.core.BrowserRules;
import dev.fetchcors.core.CorsConfig.Setting;
import org.jspecify.annotations.Nullable;

/**
 * The CORS surface of an application: every route its routers know, the policy that applies to each, and what a
 * page on another origin may do there, computed by {@link CorsSurveyor} from the running application with the CORS
 * filter's own judge. Immutable.
 *
 * <pre>{@code
 * CorsSurface surface = context.getBean(CorsSurveyor.class).survey();
 * Files.writeString(Path.of("cors-surface.md"), surface.toMarkdown());
 * CorsSurfaceChanges changes = CorsSurfaceChanges.between(Files.readString(pinned), surface.toMarkdown());
 * }</pre>
 *
 * <p>For each origin it names (each entry of allowed-origins and send-only-origins, each origin source, and any other
 * origin), or for the one origin asked about, it says per route which methods a script on that origin may read the
 * answer of, without credentials and with the user's cookies, which requests it can make the application run without
 * reading their answer (a send-only origin, a path no policy covers), and whether it may open a WebSocket. A method
 * other than GET, HEAD and POST counts only where its preflight is allowed.
 *
 * <p>{@link #toMarkdown()} is the form kept in a repository: sorted, with no time, no count of the origins a source
 * holds and no class name, so that it changes only when the surface does. {@link #toMap()} is the actuator's form,
 * with the counts, the handlers and the sample paths. Both mark the rows that open an actuator route to another site
 * ({@link #actuatorWarnings()}).
 */
public final class CorsSurface {

    /** The label of the origins no entry names. */
    public static final String ANY_OTHER_ORIGIN = "any other origin";

    /** The methods in the order a reader expects them; others follow alphabetically. */
    private static final List<String> METHOD_ORDER = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
            "OPTIONS");

    static final Comparator<String> METHODS = Comparator
        .comparingInt((String method) -> METHOD_ORDER.contains(method) ? METHOD_ORDER.indexOf(method)
                : METHOD_ORDER.size())
        .thenComparing(Comparator.naturalOrder());

    private final @Nullable String origin;

    private final List<Policy> policies;

    private final List<Route> routes;

    private final List<Origin> origins;

    CorsSurface(@Nullable String origin, List<Policy> policies, List<Route> routes, List<Origin> origins) {
        this.origin = origin;
        this.policies = List.copyOf(policies);
        this.routes = List.copyOf(routes);
        this.origins = List.copyOf(origins);
    }

    /** The one origin this surface was computed for, or {@code null} when it covers every origin it names. */
    public @Nullable String origin() {
        return this.origin;
    }

    /** The policies, in the order they are tried: the default first. */
    public List<Policy> policies() {
        return this.policies;
    }

    /** Every route, sorted by path. */
    public List<Route> routes() {
        return this.routes;
    }

    /** What each origin may do, where it may do anything; every origin named has an entry, possibly empty. */
    public List<Origin> origins() {
        return this.origins;
    }

    /**
     * What one origin may do: its entry of {@link #origins()}.
     *
     * @param label the origin (or {@code from source 'name'}, {@value #ANY_OTHER_ORIGIN})
     * @return its entry, or {@code null} when this surface does not name it
     */
    public @Nullable Origin origin(String label) {
        for (Origin entry : this.origins) {
            if (entry.origin().equals(label)) {
                return entry;
            }
        }
        return null;
    }

    /**
     * The route with the given path.
     *
     * @param path the route's path, as {@link Route#path()} has it
     * @return the route, or {@code null}
     */
    public @Nullable Route route(String path) {
        for (Route route : this.routes) {
            if (route.path().equals(path)) {
                return route;
            }
        }
        return null;
    }

    /**
     * The surface as a Markdown document, for a repository and a pull request: the policies, the routes, and what
     * each origin may do. Sorted, without times, counts of sourced origins or class names, so that it changes only
     * when the surface does.
     */
    public String toMarkdown() {
        return SurfaceMarkdown.render(this);
    }

    /**
     * One line per policy, for the startup log: {@code policy 'partner': 14 routes, credentials, 3 origins}.
     */
    public List<String> summary() {
        List<String> lines = new ArrayList<>();
        for (Policy policy : this.policies) {
            lines.add(policy.summary());
        }
        long uncovered = this.routes.stream()
            .filter((route) -> route.policies().stream().anyMatch((selection) -> selection.policy().equals(Selection.NONE)))
            .count();
        if (uncovered > 0) {
            lines.add("no policy: " + routes(uncovered) + " (a simple request from any origin runs there; no origin"
                    + " reads the answer)");
        }
        return lines;
    }

    /**
     * The rows that let a page on another origin at an actuator route: read it with the user's cookies, or make it
     * run a method that changes something (any but GET, HEAD and OPTIONS), whether the page may read the answer or
     * not. The actuator's endpoints answer operators, not pages of other sites.
     *
     * @return one warning per route and policy, naming the origins and the fix; empty when there is none
     */
    public List<String> actuatorWarnings() {
        // By route and policy, what each origin may do there.
        Map<List<String>, List<String>> byRow = new LinkedHashMap<>();
        for (Route route : this.routes) {
            if (!route.servedBy().contains(RouteKind.ACTUATOR.description())) {
                continue;
            }
            for (Origin entry : this.origins) {
                for (Access access : entry.routes()) {
                    String exposure = (access.route().equals(route.path())) ? exposure(access) : null;
                    if (exposure != null) {
                        byRow.computeIfAbsent(List.of(access.route(), access.policy()), (key) -> new ArrayList<>())
                            .add(entry.origin() + " " + exposure);
                    }
                }
            }
        }
        List<String> warnings = new ArrayList<>();
        byRow.forEach((row, what) -> {
            String policy = row.get(1);
            warnings.add("actuator route " + row.get(0) + " is open to other sites under "
                    + (policy.equals(Selection.NONE) ? "no policy" : "policy '" + policy + "'") + ": "
                    + String.join("; ", what) + ". " + fix(policy));
        });
        return warnings;
    }

    /**
     * What a page on another origin may do at an actuator route that it should not, in words, or {@code null}.
     *
     * @param access a row of an origin's table
     * @return {@code can read it with credentials (GET)}, {@code can make it run POST}, both, or {@code null}
     */
    @Nullable String actuatorExposure(Access access) {
        Route route = route(access.route());
        return (route != null && route.servedBy().contains(RouteKind.ACTUATOR.description())) ? exposure(access)
                : null;
    }

    private static @Nullable String exposure(Access access) {
        List<String> what = new ArrayList<>();
        if (!access.readsWithCredentials().isEmpty()) {
            what.add("can read it with credentials (" + String.join(", ", access.readsWithCredentials()) + ")");
        }
        List<String> unsafe = new ArrayList<>();
        for (List<String> methods : List.of(access.reads(), access.runsWithoutReading())) {
            for (String method : methods) {
                if (!BrowserRules.isSafeMethod(method) && !unsafe.contains(method)) {
                    unsafe.add(method);
                }
            }
        }
        if (!unsafe.isEmpty()) {
            unsafe.sort(METHODS);
            what.add("can make it run " + String.join(", ", unsafe));
        }
        return what.isEmpty() ? null : String.join(" and ", what);
    }

    /** How to close an actuator route to other sites, for the policy that opens it. */
    private String fix(String name) {
        Policy policy = policy(name);
        if (policy != null && !policy.pathPatterns().isEmpty()) {
            return "Narrow the path-patterns of policy '" + name + "' so that they leave /actuator/** out.";
        }
        return "Exclude /actuator/** from it: a per-path policy for /actuator/** whose allowed-origins and"
                + " send-only-origins are empty, or the actuator on a port of its own (management.server.port).";
    }

    static String routes(long count) {
        return count + ((count == 1) ? " route" : " routes");
    }

    /** The surface as the actuator shows it: plain maps and lists, with counts, handlers and sample paths. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        if (this.origin != null) {
            map.put("origin", this.origin);
            Origin entry = this.origins.isEmpty() ? null : this.origins.get(0);
            map.put("summary", (entry != null) ? entry.summary() : this.origin + " may do nothing here.");
            map.put("routes", (entry != null) ? entry.routes().stream().map(this::accessMap).toList() : List.of());
            return map;
        }
        map.put("policies", this.policies.stream().map(Policy::toMap).toList());
        map.put("routes", this.routes.stream().map(Route::toMap).toList());
        List<Map<String, Object>> origins = new ArrayList<>();
        for (Origin entry : this.origins) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("origin", entry.origin());
            item.put("summary", entry.summary());
            item.put("routes", entry.routes().stream().map(this::accessMap).toList());
            origins.add(item);
        }
        map.put("origins", origins);
        return map;
    }

    private Map<String, Object> accessMap(Access access) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("route", access.route());
        map.put("policy", access.policy());
        Policy policy = policy(access.policy());
        if (policy != null) {
            map.put("mode", policy.mode());
        }
        Route route = route(access.route());
        if (route != null) {
            for (Selection selection : route.policies()) {
                if (selection.policy().equals(access.policy())) {
                    map.put("selected-by", selection.selectedBy());
                    map.put("sample-path", selection.samplePath());
                }
            }
        }
        map.put("reads", access.reads());
        map.put("reads-with-credentials", access.readsWithCredentials());
        map.put("runs-without-reading", access.runsWithoutReading());
        map.put("opens-socket", access.opensSocket());
        String exposure = actuatorExposure(access);
        if (exposure != null) {
            map.put("warning", "An actuator route open to other sites: a page on this origin " + exposure + ". "
                    + fix(access.policy()));
        }
        return map;
    }

    /**
     * The policy of the given name.
     *
     * @param name the policy's name
     * @return the policy, or {@code null}
     */
    public @Nullable Policy policy(String name) {
        for (Policy policy : this.policies) {
            if (policy.name().equals(name)) {
                return policy;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return toMarkdown();
    }

    /**
     * A policy as the surface shows it: the settings that decide who may do what, under their property names.
     *
     * @param name the policy's name
     * @param mode {@code enforce} or {@code shadow}
     * @param pathPatterns the patterns that select it, empty for the default policy
     * @param allowedOrigins the allowed origins as configured, without those of origin sources
     * @param originSources the origin sources that give it origins
     * @param originCheck the class name of its origin check, or {@code null}
     * @param allowCredentials whether it allows credentials
     * @param allowedMethods its allowed methods, as configured
     * @param allowedHeaders its allowed request headers, as configured
     * @param exposedHeaders its exposed response headers
     * @param sendOnlyOrigins the origins that may send requests without reading their answers
     * @param crossOriginProtection whether refused cross-origin requests are refused before the application runs
     * @param allowPrivateNetwork whether it answers private network access preflights
     * @param websocketHandshakes whether it judges WebSocket handshakes
     * @param routes how many routes it applies to
     */
    public record Policy(String name, String mode, List<String> pathPatterns, List<String> allowedOrigins,
            List<Source> originSources, @Nullable String originCheck, boolean allowCredentials,
            List<String> allowedMethods, List<String> allowedHeaders, List<String> exposedHeaders,
            List<String> sendOnlyOrigins, boolean crossOriginProtection, boolean allowPrivateNetwork,
            boolean websocketHandshakes, int routes) {

        /** {@code policy 'partner': 14 routes, credentials, 3 origins}. */
        String summary() {
            StringBuilder line = new StringBuilder("policy '").append(this.name).append("'");
            if ("shadow".equals(this.mode)) {
                line.append(" (shadow mode)");
            }
            line.append(": ").append(CorsSurface.routes(this.routes));
            line.append(this.allowCredentials ? ", credentials" : ", no credentials");
            List<String> origins = new ArrayList<>();
            long listed = this.allowedOrigins.stream().filter((origin) -> !origin.equals("*")).count();
            if (this.allowedOrigins.contains("*")) {
                origins.add("any origin");
            }
            if (listed > 0 || (origins.isEmpty() && this.originSources.isEmpty() && this.originCheck == null)) {
                origins.add(listed + ((listed == 1) ? " origin" : " origins"));
            }
            for (Source source : this.originSources) {
                origins.add(source.origins() + " from source '" + source.name() + "'");
            }
            if (this.originCheck != null) {
                origins.add("an origin check");
            }
            line.append(", ").append(String.join(", ", origins));
            if (!this.sendOnlyOrigins.isEmpty()) {
                line.append(", ").append(this.sendOnlyOrigins.size()).append(" send-only");
            }
            return line.toString();
        }

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("name", this.name);
            map.put(Setting.MODE.key(), this.mode);
            map.put("path-patterns", this.pathPatterns);
            map.put("routes", this.routes);
            map.put(Setting.ALLOWED_ORIGINS.key(), this.allowedOrigins);
            List<Map<String, Object>> sources = new ArrayList<>();
            for (Source source : this.originSources) {
                sources.add(Map.of("name", source.name(), "origins", source.origins()));
            }
            map.put("origin-sources", sources);
            if (this.originCheck != null) {
                map.put(Setting.ORIGIN_CHECK.key(), this.originCheck);
            }
            map.put(Setting.ALLOW_CREDENTIALS.key(), this.allowCredentials);
            map.put(Setting.ALLOWED_METHODS.key(), this.allowedMethods);
            map.put(Setting.ALLOWED_HEADERS.key(), this.allowedHeaders);
            map.put(Setting.EXPOSED_HEADERS.key(), this.exposedHeaders);
            map.put(Setting.SEND_ONLY_ORIGINS.key(), this.sendOnlyOrigins);
            map.put(Setting.CROSS_ORIGIN_PROTECTION.key(), this.crossOriginProtection);
            map.put(Setting.ALLOW_PRIVATE_NETWORK.key(), this.allowPrivateNetwork);
            map.put(Setting.WEBSOCKET_HANDSHAKES.key(), this.websocketHandshakes);
            map.put("summary", summary());
            return map;
        }

    }

    /**
     * An origin source that gives a policy origins.
     *
     * @param name the source's name
     * @param origins how many origins it gives the policy now
     */
    public record Source(String name, int origins) {
    }

    /**
     * A route, as the application's routers know it.
     *
     * @param path its path pattern within the application (after the context path, with the
     *        {@code DispatcherServlet}'s own path before it)
     * @param methods the methods it serves, empty when it serves any
     * @param servedBy what serves it: {@code annotated controller}, {@code functional route}, {@code static resources},
     *        {@code actuator}, {@code WebSocket}, {@code SockJS}, {@code servlet} (a servlet other than the
     *        {@code DispatcherServlet}, by its mapping) or {@code handler}
     * @param handlers the handlers that serve it (controller methods, handler classes)
     * @param policies the policies that apply to it: one, or several when requests to some of its paths select
     *        another policy than others, each with a path it stands for
     */
    public record Route(String path, List<String> methods, List<String> servedBy, List<String> handlers,
            List<Selection> policies) {

        /** Whether it is a WebSocket or SockJS endpoint, where a socket may be opened. */
        public boolean isSocket() {
            return this.servedBy.contains(RouteKind.WEBSOCKET.description()) || isSockJs();
        }

        /**
         * Whether it is a SockJS endpoint, whose XHR and streaming transports are requests a page may read as any
         * other ({@code GET} and {@code POST}), beside its WebSocket.
         */
        public boolean isSockJs() {
            return this.servedBy.contains(RouteKind.SOCKJS.description());
        }

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("route", this.path);
            map.put("methods", this.methods.isEmpty() ? List.of("*") : this.methods);
            map.put("served-by", this.servedBy);
            map.put("handlers", this.handlers);
            List<Map<String, Object>> policies = new ArrayList<>();
            for (Selection selection : this.policies) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("policy", selection.policy());
                item.put("selected-by", selection.selectedBy());
                item.put("sample-path", selection.samplePath());
                policies.add(item);
            }
            map.put("policies", policies);
            return map;
        }

    }

    /**
     * A policy that applies to a route.
     *
     * @param policy its name, or {@value #NONE} when no policy covers the route's paths
     * @param selectedBy why: {@code path-patterns /api/**}, {@code default}, {@code no policy}, or the resolver's
     *        class where the application picks policies in code
     * @param samplePath a path of the route for which it applies, as judged
     */
    public record Selection(String policy, String selectedBy, String samplePath) {

        /** The name of no policy. */
        public static final String NONE = "none";

    }

    /**
     * What one origin may do, route by route.
     *
     * @param origin the origin, a pattern, {@code from source 'name'} or {@value CorsSurface#ANY_OTHER_ORIGIN}
     * @param routes the routes where it may do anything, sorted by path
     */
    public record Origin(String origin, List<Access> routes) {

        String summary() {
            long reads = this.routes.stream().filter((access) -> !access.reads().isEmpty()).count();
            long credentials = this.routes.stream().filter((access) -> !access.readsWithCredentials().isEmpty()).count();
            long runs = this.routes.stream().filter((access) -> !access.runsWithoutReading().isEmpty()).count();
            long sockets = this.routes.stream().filter(Access::opensSocket).count();
            return this.origin + " reads " + CorsSurface.routes(reads) + " (" + credentials + " with credentials), runs "
                    + CorsSurface.routes(runs) + " without reading the answer, opens sockets on "
                    + CorsSurface.routes(sockets);
        }

    }

    /**
     * What an origin may do on one route under one policy.
     *
     * @param route the route's path
     * @param policy the policy that applies
     * @param reads the methods whose answer a script on the origin may read, without credentials
     * @param readsWithCredentials the methods whose answer it may read with the user's cookies
     * @param runsWithoutReading the methods the application runs for it although it may not read the answer
     * @param opensSocket whether it may open a WebSocket (or SockJS session) there
     */
    public record Access(String route, String policy, List<String> reads, List<String> readsWithCredentials,
            List<String> runsWithoutReading, boolean opensSocket) {

        boolean isEmpty() {
            return this.reads.isEmpty() && this.readsWithCredentials.isEmpty() && this.runsWithoutReading.isEmpty()
                    && !this.opensSocket;
        }

    }

    /** What serves a route. */
    enum RouteKind {

        CONTROLLER("annotated controller"), FUNCTIONAL("functional route"), STATIC_RESOURCES("static resources"),
        ACTUATOR("actuator"), WEBSOCKET("WebSocket"), SOCKJS("SockJS"), SERVLET("servlet"), OTHER("handler");

        private final String description;

        RouteKind(String description) {
            this.description = description;
        }

        String description() {
            return this.description;
        }

    }

}
