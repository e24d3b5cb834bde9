package dev.fetchcors.autoconfigure;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.fetchcors.core.CorsConfig;
import dev.fetchcors.core.CorsPolicy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * What the web adapters share when the starter is the only component allowed to write CORS headers, as in an API
 * gateway: every {@code Access-Control-*} header that anything else writes (a service behind the gateway, a
 * gateway filter, Spring's own CORS support) is removed, and the first time a route's responses carry one, a WARN
 * names the route and the headers, once per route.
 */
public final class SoleCorsOwner {

    /**
     * The policy for requests that no policy covers: no origin is allowed, preflights are refused at the edge and
     * never forwarded, and responses say {@code Vary: Origin}.
     */
    public static final NamedCorsPolicy NONE = NamedCorsPolicy.of("none", CorsPolicy.compile(CorsConfig.builder()
        .build()));

    private static final Log logger = LogFactory.getLog(SoleCorsOwner.class);

    /** Enough to name every route of a large gateway once, bounded so that no request can grow it without end. */
    private static final int MAX_WARNED_ROUTES = 10_000;

    private final Set<String> warnedRoutes = ConcurrentHashMap.newKeySet();

    /**
     * Whether a header is one of the CORS protocol's response headers, which only the starter may write.
     *
     * @param name a header name
     * @return {@code true} for {@code Access-Control-*}, in any case
     */
    public static boolean isCorsHeader(String name) {
        return name.regionMatches(true, 0, "access-control-", 0, 15);
    }

    /**
     * One {@code Vary} line: the tokens of every line a response has, each once in the order met, followed by the
     * given ones it lacks; {@code *} alone when any line says {@code *}.
     *
     * @param lines the response's {@code Vary} lines, possibly {@code null} or empty
     * @param tokens comma-separated tokens to add, or {@code null}
     * @return the line, or {@code null} when there is no token at all
     */
    public static @Nullable String oneVary(@Nullable Collection<String> lines, @Nullable String tokens) {
        Map<String, String> seen = new LinkedHashMap<>();
        if (lines != null) {
            for (String line : lines) {
                addTokens(line, seen);
            }
        }
        addTokens(tokens, seen);
        if (seen.containsKey("*")) {
            return "*";
        }
        return seen.isEmpty() ? null : String.join(", ", seen.values());
    }

    private static void addTokens(@Nullable String list, Map<String, String> seen) {
        if (list == null) {
            return;
        }
        for (String token : list.split(",")) {
            String name = token.strip();
            if (!name.isEmpty()) {
                seen.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            }
        }
    }

    /**
     * Notes that a response on a route carried CORS headers the starter did not write, which were removed.
     *
     * @param route the route's id, or {@code null} outside a route
     * @param headers the names of the removed headers
     */
    public void removed(@Nullable String route, Collection<String> headers) {
        String key = (route != null) ? route : "";
        if (headers.isEmpty() || this.warnedRoutes.contains(key) || this.warnedRoutes.size() >= MAX_WARNED_ROUTES
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

}
