package dev.fetchcors.autoconfigure.surface;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.fetchcors.autoconfigure.CorsPolicies;
import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.NamedCorsPolicy;
import dev.fetchcors.autoconfigure.judge.CorsJudge;
import dev.fetchcors.autoconfigure.judge.CorsRoutes;
import dev.fetchcors.autoconfigure.judge.JudgedRequest;
import dev.fetchcors.autoconfigure.policy.PropertiesCorsPolicyResolver;
import dev.fetchcors.autoconfigure.policy.SourcedOrigins;
import dev.fetchcors.autoconfigure.surface.CorsSurface.Access;
import dev.fetchcors.autoconfigure.surface.CorsSurface.Origin;
import dev.fetchcors.autoconfigure.surface.CorsSurface.Policy;
import dev.fetchcors.autoconfigure.surface.CorsSurface.Route;
import dev.fetchcors.autoconfigure.surface.CorsSurface.RouteKind;
import dev.fetchcors.autoconfigure.surface.CorsSurface.Selection;
import dev.fetchcors.autoconfigure.surface.CorsSurface.Source;
import dev.fetchcors.autoconfigure.surface.RouteSource.DiscoveredRoute;
import dev.fetchcors.core.BrowserRules;
import dev.fetchcors.core.CorsConfig;
import dev.fetchcors.core.CorsDecision;
import dev.fetchcors.core.CorsHeaders;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.util.Assert;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Computes the {@link CorsSurface} of the running application: the routes its routers know, the policy the
 * resolver picks for each (on a path the route's pattern matches, routed as the application routes it), and what a
 * page on each origin may do there, asked of the CORS filter's own {@link CorsJudge} with the requests a browser
 * sends, and judged by the browser's own checks ({@link BrowserRules}). Nothing here re-decides what the engine
 * decides.
 *
 * <pre>{@code
 * CorsSurface surface = surveyor.survey();                               // every origin the policies name
 * CorsSurface partner = surveyor.survey("https://partner.example");      // one origin, exactly as the filter answers it
 * }</pre>
 *
 * <p>A route whose paths select different policies (a static {@code /**} beside a per-path {@code /api/**}) is
 * listed under each, with a path for which each applies: the paths tried are one the route's pattern matches and one
 * for each per-path policy's pattern that the route's pattern matches too. The cost grows with routes, origins named
 * and methods, never with requests; it is computed on demand (the actuator, a test) and once at startup for the INFO
 * lines, never on the request path.
 */
public final class CorsSurveyor {

    /** Tried on routes that serve any method: the usual verbs, and the policies' allowed methods besides. */
    private static final List<String> USUAL_METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");

    private static final String UNKNOWN = "unknown";

    private final CorsJudge judge;

    private final CorsRoutes routes;

    private final RouteSource source;

    CorsSurveyor(CorsJudge judge, CorsRoutes routes, RouteSource source) {
        Assert.notNull(judge, "'judge' must not be null");
        Assert.notNull(routes, "'routes' must not be null");
        Assert.notNull(source, "'source' must not be null");
        this.judge = judge;
        this.routes = routes;
        this.source = source;
    }

    /**
     * The surface for every origin the policies name: each entry of allowed-origins and send-only-origins, each
     * origin source (judged with one of its origins), and any other origin.
     *
     * @return the surface
     */
    public CorsSurface survey() {
        return survey(null, true);
    }

    /**
     * The surface for one origin, as the CORS filter would answer a page on it.
     *
     * @param origin a serialized origin, such as {@code https://partner.example}, or {@code null}
     * @return the surface, with one entry in {@link CorsSurface#origins()}
     * @throws IllegalArgumentException when {@code origin} is neither ({@link #originProblem(String)})
     */
    public CorsSurface survey(String origin) {
        Assert.notNull(origin, "'origin' must not be null");
        String problem = originProblem(origin);
        Assert.isTrue(problem == null, () -> "'origin' must be a serialized origin or null: " + problem);
        return survey(origin, true);
    }

    /**
     * What keeps a value from being an origin a browser sends: a serialized origin ({@code scheme://host[:port]},
     * nothing after the port) or {@code null}, the opaque origin.
     *
     * @param origin the value
     * @return the problem in words, or {@code null} when it is one
     */
    public static @Nullable String originProblem(String origin) {
        if (origin.equals("null")) {
            return null;
        }
        if (origin.isEmpty()) {
            return "it is empty";
        }
        URI uri;
        try {
            uri = new URI(origin);
        }
        catch (URISyntaxException ex) {
            return "\"" + origin + "\" is not a URL (" + ex.getReason() + ")";
        }
        if (uri.getScheme() == null || uri.getRawAuthority() == null || uri.getHost() == null) {
            return "\"" + origin + "\" has no scheme and host";
        }
        if (uri.getRawUserInfo() != null) {
            return "\"" + origin + "\" has a user name before its host";
        }
        if (!uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "\"" + origin + "\" has a path, query or fragment after its host and port";
        }
        return null;
    }

    /** One line per policy, with its routes: the startup INFO. Judges the routes' paths, no origin. */
    public List<String> summary() {
        return survey(null, false).summary();
    }

    private CorsSurface survey(@Nullable String origin, boolean accesses) {
        CorsPolicyResolver resolver = this.judge.resolver();
        CorsPolicies policies = resolver.policies();
        List<String> witnesses = witnesses(policies);
        Map<String, MergedRoute> merged = merge(this.source.routes());
        Map<String, NamedCorsPolicy> seen = new LinkedHashMap<>();
        List<Route> routeList = new ArrayList<>();
        for (MergedRoute route : merged.values()) {
            routeList.add(route.toRoute(select(route, resolver, policies, witnesses, seen)));
        }
        Map<String, @Nullable String> sourced = new TreeMap<>();
        List<Policy> policyList = policies(resolver, policies, seen, routeList, sourced);
        List<Origin> origins = new ArrayList<>();
        if (accesses) {
            List<String> methods = anyMethods(policyList);
            for (Map.Entry<String, @Nullable String> label : labels(origin, policyList, sourced).entrySet()) {
                List<Access> granted = new ArrayList<>();
                for (Route route : routeList) {
                    MergedRoute discovered = merged.get(route.path());
                    for (Selection selection : route.policies()) {
                        if (label.getValue() == null || selection.policy().equals(UNKNOWN)) {
                            continue;
                        }
                        Access access = access(label.getValue(), route, selection,
                                discovered.anyMethod ? methods : route.methods());
                        if (!access.isEmpty()) {
                            granted.add(access);
                        }
                    }
                }
                origins.add(new Origin(label.getKey(), granted));
            }
        }
        return new CorsSurface(origin, policyList, routeList, origins);
    }

    /** A path of each per-path policy's patterns: where a route that matches it too falls under that policy. */
    private static List<String> witnesses(CorsPolicies policies) {
        List<String> witnesses = new ArrayList<>();
        for (NamedCorsPolicy policy : policies.pathPolicies()) {
            for (PathPattern pattern : policy.pathPatterns()) {
                String sample = Samples.path(pattern);
                if (sample != null && !witnesses.contains(sample)) {
                    witnesses.add(sample);
                }
            }
        }
        return witnesses;
    }

    private static Map<String, MergedRoute> merge(List<DiscoveredRoute> discovered) {
        Map<String, MergedRoute> merged = new TreeMap<>();
        for (DiscoveredRoute route : discovered) {
            merged.computeIfAbsent(route.path(), (path) -> new MergedRoute(route)).add(route);
        }
        return merged;
    }

    /** The policies of a route: judged on a path its pattern matches, and on each witness it matches too. */
    private List<Selection> select(MergedRoute route, CorsPolicyResolver resolver, CorsPolicies policies,
            List<String> witnesses, Map<String, NamedCorsPolicy> seen) {
        PathPattern pattern = route.pattern;
        String sample = (pattern != null) ? Samples.path(pattern) : null;
        if (pattern == null || sample == null) {
            return List.of(new Selection(UNKNOWN, "not judged: no path could be made that the pattern matches",
                    route.path));
        }
        List<String> candidates = new ArrayList<>();
        candidates.add(sample);
        for (String witness : witnesses) {
            if (!candidates.contains(witness) && pattern.matches(PathContainer.parsePath(witness))) {
                candidates.add(witness);
            }
        }
        Map<String, Selection> selections = new LinkedHashMap<>();
        for (String candidate : candidates) {
            SurfaceRequest request = new SurfaceRequest("GET", this.routes.route(route.prefix + candidate));
            NamedCorsPolicy policy = resolver.resolve(request);
            String name = (policy != null) ? policy.name() : Selection.NONE;
            if (selections.containsKey(name)) {
                continue;
            }
            if (policy != null) {
                seen.putIfAbsent(name, policy);
            }
            selections.put(name, new Selection(name, selectedBy(policy, policies, resolver, request.path()),
                    route.prefix + candidate));
        }
        return List.copyOf(selections.values());
    }

    private static String selectedBy(@Nullable NamedCorsPolicy policy, CorsPolicies policies,
            CorsPolicyResolver resolver, RequestPath path) {
        if (policy == null) {
            return "no policy";
        }
        if (policies.pathPolicies().contains(policy)) {
            for (PathPattern pattern : policy.pathPatterns()) {
                if (pattern.matches(path.pathWithinApplication())) {
                    return "path-patterns " + pattern.getPatternString();
                }
            }
        }
        if (policy.equals(policies.defaultPolicy())) {
            return "default";
        }
        return "resolver " + resolver.getClass().getName();
    }

    /**
     * The policies as the surface shows them; {@code sourced} receives, for each origin source, its label and one of
     * its origins ({@code null} when it holds none now).
     */
    private static List<Policy> policies(CorsPolicyResolver resolver, CorsPolicies policies,
            Map<String, NamedCorsPolicy> seen, List<Route> routes, Map<String, @Nullable String> sourced) {
        Map<String, NamedCorsPolicy> all = new LinkedHashMap<>();
        if (policies.defaultPolicy() != null) {
            all.put(policies.defaultPolicy().name(), policies.defaultPolicy());
        }
        for (NamedCorsPolicy policy : policies.pathPolicies()) {
            all.putIfAbsent(policy.name(), policy);
        }
        // A resolver that picks policies in code lists none: the ones it picked for the routes stand for them.
        seen.forEach(all::putIfAbsent);
        List<Policy> list = new ArrayList<>();
        for (NamedCorsPolicy named : all.values()) {
            CorsConfig config = named.policy().config();
            List<SourcedOrigins.Contribution> contributions = (resolver instanceof PropertiesCorsPolicyResolver properties)
                    ? properties.sourcedOrigins(named.name()) : List.of();
            int sourcedCount = 0;
            List<Source> sources = new ArrayList<>();
            for (SourcedOrigins.Contribution contribution : contributions) {
                sourcedCount += contribution.origins();
                sources.add(new Source(contribution.source(), contribution.origins()));
                String label = sourceLabel(contribution.source());
                String first = contribution.first();
                if (first != null) {
                    sourced.put(label, Samples.origin(first));
                }
                else {
                    sourced.putIfAbsent(label, null);
                }
            }
            List<String> allowed = config.allowedOrigins();
            // The origin sources' entries follow the configured ones.
            List<String> configured = allowed.subList(0, Math.max(0, allowed.size() - sourcedCount));
            int routeCount = (int) routes.stream()
                .filter((route) -> route.policies().stream().anyMatch((s) -> s.policy().equals(named.name())))
                .count();
            list.add(new Policy(named.name(), config.mode().name().toLowerCase(java.util.Locale.ROOT),
                    named.pathPatterns().stream().map(PathPattern::getPatternString).toList(), List.copyOf(configured),
                    sources, (config.originCheck() != null) ? config.originCheck().getClass().getName() : null,
                    config.allowCredentials(), config.allowedMethods(), config.allowedHeaders(),
                    config.exposedHeaders(), config.sendOnlyOrigins(), config.crossOriginProtection(),
                    config.allowPrivateNetwork(), config.webSocketHandshakes(), routeCount));
        }
        return list;
    }

    /** The methods tried on a route that serves any: the usual ones, and every method a policy allows by name. */
    private static List<String> anyMethods(List<Policy> policies) {
        Set<String> methods = new TreeSet<>(CorsSurface.METHODS);
        methods.addAll(USUAL_METHODS);
        for (Policy policy : policies) {
            for (String method : policy.allowedMethods()) {
                if (!method.equals("*")) {
                    methods.add(method);
                }
            }
        }
        return List.copyOf(methods);
    }

    /**
     * The origins to judge, each label with the origin that stands for it ({@code null} for a source that holds none
     * now): the one asked about; or every listed entry, each source, and any other origin.
     */
    private static Map<String, @Nullable String> labels(@Nullable String origin, List<Policy> policies,
            Map<String, @Nullable String> sourced) {
        Map<String, @Nullable String> labels = new LinkedHashMap<>();
        if (origin != null) {
            labels.put(origin, origin);
            return labels;
        }
        Set<String> listed = new TreeSet<>();
        for (Policy policy : policies) {
            for (String entry : policy.allowedOrigins()) {
                if (!entry.equals("*")) {
                    listed.add(entry);
                }
            }
            listed.addAll(policy.sendOnlyOrigins());
        }
        for (String entry : listed) {
            labels.put(entry, Samples.origin(entry));
        }
        labels.putAll(sourced);
        labels.put(CorsSurface.ANY_OTHER_ORIGIN, Samples.OTHER_ORIGIN);
        return labels;
    }

    /** What a page on {@code origin} may do on a route, under the policy of one of its paths. */
    private Access access(String origin, Route route, Selection selection, List<String> methods) {
        RequestPath path = this.routes.route(selection.samplePath());
        boolean opens = false;
        if (route.isSocket()) {
            SurfaceRequest handshake = new SurfaceRequest("GET", path).browser(origin, "websocket")
                .set(CorsHeaders.UPGRADE, "websocket")
                .set("Connection", "Upgrade");
            this.judge.judgeQuietly(handshake);
            CorsDecision decision = handshake.decision();
            // Left alone (no policy, handshakes not judged), the application's own check decides: not known here.
            opens = decision != null && decision.kind() == CorsDecision.Kind.WEBSOCKET && decision.refusal() == null;
            if (!route.isSockJs() || !opens) {
                // SockJS's HTTP transports are judged as the handshake they stand in for: refused with it.
                return new Access(route.path(), selection.policy(), List.of(), List.of(), List.of(), opens);
            }
            // Allowed, SockJS's HTTP transports are requests as any: judged below, for the methods they take.
        }
        List<String> reads = new ArrayList<>();
        List<String> credentialed = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        for (String method : methods) {
            boolean credentialedPreflight = true;
            if (!BrowserRules.isSafelistedMethod(method)) {
                // The browser sends the request only once its preflight's answer passes the browser's checks.
                SurfaceRequest preflight = new SurfaceRequest("OPTIONS", path).browser(origin, "cors")
                    .set(CorsHeaders.ACCESS_CONTROL_REQUEST_METHOD, method);
                this.judge.judgeQuietly(preflight);
                CorsDecision answer = preflight.decision();
                // Left alone, the application answers the preflight itself, without CORS headers.
                if (answer == null || BrowserRules.preflightCheck(answer, preflight, false) != null) {
                    continue;
                }
                credentialedPreflight = BrowserRules.preflightCheck(answer, preflight, true) == null;
            }
            SurfaceRequest request = new SurfaceRequest(method, path).browser(origin, "cors");
            this.judge.judgeQuietly(request);
            CorsDecision decision = request.decision();
            if (decision == null) {
                // Passed on untouched: the application runs it, and its answer carries no CORS header of ours.
                runs.add(method);
                continue;
            }
            if (decision.isAnswered()) {
                // Refused before the application runs.
                continue;
            }
            if (BrowserRules.corsCheck(decision, origin, false) == null) {
                reads.add(method);
                if (credentialedPreflight && BrowserRules.corsCheck(decision, origin, true) == null) {
                    credentialed.add(method);
                }
            }
            else {
                runs.add(method);
            }
        }
        return new Access(route.path(), selection.policy(), reads, credentialed, runs, opens);
    }

    /** How the surface names the origins of a source, without their number, which changes with every tenant. */
    static String sourceLabel(String source) {
        return "from source '" + source + "'";
    }

    /** A route as its handlers came, merged by path. */
    private static final class MergedRoute {

        final String path;

        final @Nullable PathPattern pattern;

        final String prefix;

        final Set<String> methods = new TreeSet<>(CorsSurface.METHODS);

        boolean anyMethod;

        final Set<RouteKind> kinds = new LinkedHashSet<>();

        final Set<String> handlers = new TreeSet<>();

        MergedRoute(DiscoveredRoute first) {
            this.path = first.path();
            this.pattern = first.pattern();
            this.prefix = first.prefix();
        }

        void add(DiscoveredRoute route) {
            if (route.methods().isEmpty()) {
                this.anyMethod = true;
            }
            this.methods.addAll(route.methods());
            this.kinds.add(route.kind());
            this.handlers.add(route.handler());
        }

        Route toRoute(List<Selection> selections) {
            List<String> served = new ArrayList<>();
            for (RouteKind kind : RouteKind.values()) {
                if (this.kinds.contains(kind)) {
                    served.add(kind.description());
                }
            }
            return new Route(this.path, this.anyMethod ? List.of() : List.copyOf(this.methods), served,
                    List.copyOf(this.handlers), selections);
        }

    }

    /** A request described to the judge, as a browser would send it. */
    private static final class SurfaceRequest extends JudgedRequest {

        private final String method;

        private final RequestPath path;

        private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        SurfaceRequest(String method, RequestPath path) {
            this.method = method;
            this.path = path;
        }

        /** From a page on another site: its origin, and the fetch metadata a browser sends with it. */
        SurfaceRequest browser(String origin, String mode) {
            return set(CorsHeaders.ORIGIN, origin).set("Sec-Fetch-Site", "cross-site").set("Sec-Fetch-Mode", mode);
        }

        SurfaceRequest set(String name, String value) {
            this.headers.put(name, value);
            return this;
        }

        @Override
        public String method() {
            return this.method;
        }

        @Override
        public @Nullable String header(String name) {
            return this.headers.get(name);
        }

        @Override
        public RequestPath path() {
            return this.path;
        }

    }

}
