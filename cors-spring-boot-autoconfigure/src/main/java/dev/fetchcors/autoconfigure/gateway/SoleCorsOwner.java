package dev.fetchcors.autoconfigure.gateway;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.fetchcors.autoconfigure.CorsConfigValidator;
import dev.fetchcors.autoconfigure.CorsPolicies;
import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.NamedCorsPolicy;
import dev.fetchcors.autoconfigure.judge.JudgedRequest;
import dev.fetchcors.autoconfigure.web.ServedPaths;
import dev.fetchcors.core.ConfigProblem;
import dev.fetchcors.core.CorsConfig;
import dev.fetchcors.core.CorsDecision;
import dev.fetchcors.core.CorsHeaders;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;

/**
 * What a gateway changes, shared by both flavours: the starter is the only component allowed to write CORS headers.
 * Requests no policy covers are refused ({@code CorsJudge.Uncovered.REFUSED}); the CORS headers a response carried when the gateway's filter passed
 * the request on are the only ones it leaves with ({@link Snapshot}); the first time a route's responses carry
 * others, a WARN names the route and the headers, once per route; and preflights are never passed on to a service
 * ({@link #PASSTHROUGH_REFUSED}).
 */
final class SoleCorsOwner<R> {

    /** Preflights are answered at the edge: a policy that would pass them on to a service is refused. */
    static final CorsConfigValidator PASSTHROUGH_REFUSED = (policyName, config) -> config.preflightPassthrough()
            ? List.of(new ConfigProblem(CorsConfig.Setting.PREFLIGHT_PASSTHROUGH.key(), "true", "this application is a"
                    + " Spring Cloud Gateway, which answers preflights at the edge: a preflight passed on would let the"
                    + " service behind it answer CORS, while the gateway removes every CORS header services send.",
                    "remove it; or, if this gateway is not to be the CORS owner of its routes, set"
                            + " app.cors.gateway.enabled=false."))
            : List.of();

    private static final Log logger = LogFactory.getLog(SoleCorsOwner.class);

    /** Enough to name every route of a large gateway once, bounded so that no request can grow it without end. */
    private static final int MAX_WARNED_ROUTES = 10_000;

    private final Set<String> warnedRoutes = ConcurrentHashMap.newKeySet();

    private final Function<R, @Nullable String> routeOf;

    private final CorsPolicyResolver resolver;

    /**
     * The owner of one gateway's responses.
     *
     * @param routeOf the id of the route a request took (read once the response is written), or {@code null}
     * @param resolver the resolver that picked each request's policy, whose per-path policies say whether a path
     *        the service behind may serve otherwise selects another policy
     */
    SoleCorsOwner(Function<R, @Nullable String> routeOf, CorsPolicyResolver resolver) {
        this.routeOf = routeOf;
        this.resolver = resolver;
    }

    /**
     * What to answer a request whose path a service behind the gateway may serve as another path (dot segments,
     * empty segments, encoded separators: {@link ServedPaths}) that another per-path policy covers: the policy the
     * gateway applied would not be the one of the response the service sends. Requests without {@code Origin} get
     * no CORS headers and pass.
     *
     * @param judged the request, as judged
     * @return the words of a 400 answer, or {@code null} to pass the request on
     */
    @Nullable String ambiguity(JudgedRequest judged) {
        if (judged.header(CorsHeaders.ORIGIN) == null) {
            return null;
        }
        CorsPolicies policies = this.resolver.policies();
        if (policies.pathPolicies().isEmpty()) {
            return null;
        }
        PathContainer path = judged.path().pathWithinApplication();
        PathContainer served = ServedPaths.served(path);
        if (served == null) {
            return null;
        }
        NamedCorsPolicy asSent = policies.select(path);
        NamedCorsPolicy asServed = policies.select(served);
        if (asSent == asServed) {
            return null;
        }
        if (logger.isDebugEnabled()) {
            logger.debug("Refused " + CorsDecision.forLog(judged.method()) + " "
                    + CorsDecision.forLog(path.value()) + ": a service may serve it as "
                    + CorsDecision.forLog(served.value()) + ", under policy '" + name(asServed)
                    + "', where this path selects policy '" + name(asSent) + "'");
        }
        return "Bad Request: a service behind this gateway may serve this path as another path, under another CORS"
                + " policy. Send it without dot segments, empty segments or encoded separators.";
    }

    private static String name(@Nullable NamedCorsPolicy policy) {
        return (policy != null) ? policy.name() : "none";
    }

    /**
     * Notes that a response carried CORS headers the starter did not write, which were removed.
     *
     * @param request the request, for the id of its route
     * @param headers the names of the removed headers
     */
    void removed(R request, Collection<String> headers) {
        if (headers.isEmpty()) {
            return;
        }
        String route = this.routeOf.apply(request);
        String key = (route != null) ? route : "";
        if (this.warnedRoutes.contains(key) || this.warnedRoutes.size() >= MAX_WARNED_ROUTES
                || !this.warnedRoutes.add(key)) {
            return;
        }
        logger.warn(((route != null) ? "Route '" + route + "'" : "A response outside any route")
                + " carried CORS headers that the gateway did not write: "
                + String.join(", ", headers.stream().map((name) -> name.toLowerCase(Locale.ROOT)).distinct().toList())
                + ". They were removed: the gateway is the single CORS owner and answers with its app.cors.* policy."
                + " Remove the CORS support of the service behind it (CorsFilter, @CrossOrigin, addCorsMappings) to"
                + " silence this; said once per route.");
    }

    /**
     * The CORS headers and the {@code Vary} tokens a response had when the gateway's CORS filter passed its request
     * on: the policy's answer, which is all the response may leave with.
     *
     * @param headers each CORS header the policy wrote, by name, with its value
     * @param vary the {@code Vary} tokens it holds, or {@code null}
     */
    record Snapshot(Map<String, String> headers, @Nullable String vary) {

        /**
         * Reads the snapshot.
         *
         * @param header the response's first value of a header, or {@code null}
         * @return the snapshot
         */
        static Snapshot of(Function<String, @Nullable String> header) {
            Map<String, String> headers = new LinkedHashMap<>(4);
            for (String name : CorsHeaders.RESPONSE_HEADERS) {
                String value = header.apply(name);
                if (value != null) {
                    headers.put(name, value);
                }
            }
            return new Snapshot(headers, header.apply(CorsHeaders.VARY));
        }

        /** Whether the response's lines of a CORS header are exactly the policy's. */
        boolean isOwn(String name, List<String> values) {
            for (Map.Entry<String, String> own : this.headers.entrySet()) {
                if (own.getKey().equalsIgnoreCase(name)) {
                    return values.size() == 1 && own.getValue().equals(values.get(0));
                }
            }
            return false;
        }

        /** One {@code Vary} line: every line's tokens once, and the policy's. */
        @Nullable String oneVary(@Nullable Collection<String> lines) {
            return CorsHeaders.oneVaryLine(lines, this.vary);
        }

    }

}
