package dev.fetchcors.autoconfigure.actuate;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.judge.CorsJudge.Uncovered;
import dev.fetchcors.autoconfigure.judge.CorsJudge;
import dev.fetchcors.autoconfigure.judge.CorsRoutes;
import dev.fetchcors.autoconfigure.origins.CorsOriginSources;
import dev.fetchcors.autoconfigure.shadow.ShadowReport;
import dev.fetchcors.autoconfigure.surface.CorsSurveyor;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector.Match;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.util.Assert;
import org.springframework.web.util.UriUtils;

/**
 * The {@code cors} actuator endpoint: the policies in force, and what the CORS filter would do with a given
 * request.
 *
 * <pre>
 * GET /actuator/cors
 * GET /actuator/cors/api/orders?origin=https://app.example.com&amp;requestMethod=PUT&amp;requestHeaders=x-request-id
 * GET /actuator/cors?path=/api//orders&amp;origin=https://app.example.com
 * GET /actuator/cors/ws/chat?origin=https://evil.example&amp;websocket=true
 * GET /actuator/cors/surface
 * GET /actuator/cors/surface?origin=https://partner.example
 * </pre>
 *
 * <p>The first lists the default policy and each per-path policy with every setting, under the names of the
 * {@code app.cors.*} properties. The second evaluates a request to the path after {@code /actuator/cors} exactly
 * as the filter would, with the same policy snapshot, and answers with the decision, the headers the filter would
 * write, whether a browser would have preflighted the request first, and the reason in words. Responses are plain
 * maps and lists of strings, numbers and booleans.
 *
 * <p>{@code /actuator/cors/surface} is the application's CORS surface ({@link CorsSurveyor}): every route, the
 * policy that applies and what each origin may do there; with {@code origin}, what that one origin may do, as the
 * filter would answer it. A request path that is literally {@code /surface} is checked with
 * {@code /actuator/cors?path=/surface}.
 *
 * <p>The listing ends with {@code shadow}: what shadow mode and candidate policies found, with a summary ("0
 * differences in 1532 CORS requests compared since ...") and each distinct difference with its count, first and
 * last time seen, an example request and the property to change. {@code DELETE /actuator/cors} empties it.
 *
 * <p>With origin sources, it lists each source's origins in force, and {@code POST /actuator/cors} with the JSON
 * body {@code {"reload": "origin-sources"}} loads them again at once. An application that wants the endpoint to
 * change nothing sets {@code management.endpoint.cors.access=read-only}.
 */
@Endpoint(id = "cors")
public class CorsEndpoint {

    /** What {@code POST /actuator/cors} loads again: {@code {"reload": "origin-sources"}}. */
    public static final String ORIGIN_SOURCES = "origin-sources";

    /** The selector of the CORS surface: {@code /actuator/cors/surface}. */
    private static final String SURFACE = "surface";

    private final CorsJudge judge;

    private final CorsCheck check;

    private final @Nullable CorsOriginSources originSources;

    private final @Nullable CorsSurveyor surveyor;

    /**
     * An endpoint over the given resolver, for an application whose paths are routed as they are.
     *
     * @param resolver the resolver the CORS filter uses
     */
    public CorsEndpoint(CorsPolicyResolver resolver) {
        this(new CorsJudge(resolver, null, Uncovered.SAME_ORIGIN_SOCKETS), CorsRoutes.WITHIN_APPLICATION, null);
    }

    /**
     * An endpoint that answers as the CORS filter does (with its judge, and the application's routes), and lists the
     * origin sources and loads them on demand.
     *
     * @param judge the judge the CORS filter runs
     * @param routes how the application routes a request path
     * @param originSources the origin sources, or {@code null}
     */
    public CorsEndpoint(CorsJudge judge, CorsRoutes routes, @Nullable CorsOriginSources originSources) {
        this(judge, routes, originSources, null);
    }

    /**
     * An endpoint that answers as the CORS filter does, lists the origin sources, and shows the CORS surface.
     *
     * @param judge the judge the CORS filter runs
     * @param routes how the application routes a request path
     * @param originSources the origin sources, or {@code null}
     * @param surveyor what computes the CORS surface, or {@code null} for none ({@code /surface} is then checked
     *        as any path)
     */
    public CorsEndpoint(CorsJudge judge, CorsRoutes routes, @Nullable CorsOriginSources originSources,
            @Nullable CorsSurveyor surveyor) {
        Assert.notNull(judge, "'judge' must not be null");
        Assert.notNull(routes, "'routes' must not be null");
        this.judge = judge;
        this.check = new CorsCheck(judge, routes);
        this.originSources = originSources;
        this.surveyor = surveyor;
    }

    /**
     * The policies in force ({@code default}, absent when requests that match no per-path policy are left alone,
     * and {@code policies}, the per-path ones in the order they are tried), or, given a {@code path}, what the
     * filter would do with a request to it, as {@link #check} says. The {@code path} parameter takes the path
     * exactly as a client sends it, percent-encoding, empty segments and all, which a path after
     * {@code /actuator/cors/} cannot carry.
     *
     * @param path a request path, as sent; without it, the listing
     * @param origin the {@code Origin} header
     * @param method the request's method
     * @param requestMethod a preflight's {@code Access-Control-Request-Method}
     * @param requestHeaders a preflight's {@code Access-Control-Request-Headers}
     * @param headers for an actual request, the names of the headers the script set
     * @param contentType for an actual request, its {@code Content-Type}
     * @param websocket whether the request is a WebSocket handshake ({@code GET} with {@code Upgrade: websocket})
     * @param target the origin the request is sent to ({@code scheme://host[:port]}): a handshake from it comes
     *        from a page of the application itself
     * @return the listing, or the check
     * @throws InvalidEndpointRequestException (a 400 over HTTP) when {@code path} is not percent-encoded correctly
     */
    @SuppressWarnings("deprecation")
    @ReadOperation
    public Map<String, Object> policies(@org.springframework.lang.Nullable @Nullable String path,
            @org.springframework.lang.Nullable @Nullable String origin,
            @org.springframework.lang.Nullable @Nullable String method,
            @org.springframework.lang.Nullable @Nullable String requestMethod,
            @org.springframework.lang.Nullable @Nullable String requestHeaders,
            @org.springframework.lang.Nullable @Nullable String headers,
            @org.springframework.lang.Nullable @Nullable String contentType,
            @org.springframework.lang.Nullable @Nullable Boolean websocket,
            @org.springframework.lang.Nullable @Nullable String target) {
        if (path != null) {
            String badEscape = badEscape(path);
            if (badEscape != null) {
                throw new InvalidEndpointRequestException("Malformed 'path'", "'path' takes a request path as a"
                        + " client sends it, percent-encoded: " + badEscape);
            }
            return this.check.check(path.startsWith("/") ? path : "/" + path, origin, method, requestMethod,
                    requestHeaders, headers, contentType, websocket, target);
        }
        Map<String, Object> description = CorsListing.policies(this.judge.resolver());
        description.put("shadow", CorsListing.shadow(this.judge.shadowReport().snapshot()));
        if (this.originSources != null) {
            description.put("origin-sources", CorsListing.originSources(this.originSources.statuses()));
        }
        return description;
    }

    /**
     * What is wrong with the percent-encoding of a path: a {@code %} not followed by two hexadecimal digits.
     *
     * @param path the path as a client sends it
     * @return the problem in words, or {@code null} when every escape is whole
     */
    static @Nullable String badEscape(String path) {
        for (int i = path.indexOf('%'); i >= 0; i = path.indexOf('%', i + 1)) {
            if (i + 2 >= path.length() || Character.digit(path.charAt(i + 1), 16) < 0
                    || Character.digit(path.charAt(i + 2), 16) < 0) {
                String escape = path.substring(i, Math.min(path.length(), i + 3));
                return "\"" + escape + "\" at index " + i + " is not '%' and two hexadecimal digits (a '%' of the"
                        + " path itself is sent as %25)";
            }
        }
        return null;
    }

    /**
     * Loads every origin source now, rather than at the next refresh, and answers with the state of each: what a
     * deployment pipeline calls after adding a tenant ({@code POST /actuator/cors} with the JSON body
     * {@code {"reload": "origin-sources"}}). The parameter is required so that the operation takes a JSON body and
     * nothing else: a page of another site can send one only after a preflight, which a site the application does
     * not allow cannot pass, where a form or a {@code text/plain} fetch needs none. A call made while a load is under
     * way shares its result, and none waits longer than {@code app.cors.origin-source.timeout} and a margin.
     *
     * @param reload what to load again: {@value #ORIGIN_SOURCES}
     * @return the state of each origin source, as the listing shows it
     * @throws InvalidEndpointRequestException (a 400 over HTTP) when {@code reload} names anything else
     */
    @WriteOperation
    public Map<String, Object> refreshOriginSources(String reload) {
        if (!ORIGIN_SOURCES.equals(reload)) {
            throw new InvalidEndpointRequestException("Unknown value of 'reload'",
                    "'reload' takes \"" + ORIGIN_SOURCES + "\": the origin sources are all that can be loaded again");
        }
        if (this.originSources == null) {
            return Map.of("origin-sources", List.of(), "reason", "No origin source is configured"
                    + " (app.cors.origin-source.query, or a CorsOriginSource bean).");
        }
        return Map.of("origin-sources", CorsListing.originSources(this.originSources.refreshNow()));
    }

    /**
     * Forgets what shadow mode and candidate policies found, and starts counting again: after the policy was fixed,
     * so that "0 differences" is about the policy as it is now.
     *
     * @return the summary of the emptied report
     */
    @DeleteOperation
    public Map<String, Object> resetShadowReport() {
        ShadowReport report = this.judge.shadowReport();
        report.reset();
        return Map.of("summary", report.snapshot().summary());
    }

    /**
     * What the CORS filter would do with a request, selected by the same resolver on the same parsed path. It is
     * a preflight when its method is {@code OPTIONS} (the default when {@code requestMethod} is given) and it has
     * a {@code requestMethod}, as for the filter. The single segment {@code surface} answers with the CORS surface
     * instead ({@link CorsSurveyor}), for every origin or, with {@code origin}, for that one.
     *
     * @param path the request path, after {@code /actuator/cors}, one segment per element
     * @param origin the {@code Origin} header; without it, the request is not a CORS request
     * @param method the request's method; {@code OPTIONS} when {@code requestMethod} is given, else {@code GET}
     * @param requestMethod a preflight's {@code Access-Control-Request-Method}
     * @param requestHeaders a preflight's {@code Access-Control-Request-Headers}, comma-separated
     * @param headers for an actual request, the names of the headers the script set, comma-separated
     * @param contentType for an actual request, its {@code Content-Type}
     * @param websocket whether the request is a WebSocket handshake: would the filter refuse it, and why
     * @param target the origin the request is sent to ({@code scheme://host[:port]}): a handshake from it comes
     *        from a page of the application itself
     * @return the decision, the headers to write, the browser's view and the reason
     * @throws InvalidEndpointRequestException (a 400 over HTTP) when the surface is asked for with an
     *         {@code origin} that is neither a serialized origin nor {@code null}
     */
    // Boot 3.5 treats an operation parameter as optional only when it carries Spring's own @Nullable.
    @SuppressWarnings("deprecation")
    @ReadOperation
    public Map<String, Object> check(@Selector(match = Match.ALL_REMAINING) String[] path,
            @org.springframework.lang.Nullable @Nullable String origin,
            @org.springframework.lang.Nullable @Nullable String method,
            @org.springframework.lang.Nullable @Nullable String requestMethod,
            @org.springframework.lang.Nullable @Nullable String requestHeaders,
            @org.springframework.lang.Nullable @Nullable String headers,
            @org.springframework.lang.Nullable @Nullable String contentType,
            @org.springframework.lang.Nullable @Nullable Boolean websocket,
            @org.springframework.lang.Nullable @Nullable String target) {
        if (this.surveyor != null && path.length == 1 && SURFACE.equals(path[0])) {
            if (origin == null) {
                return this.surveyor.survey().toMap();
            }
            String problem = CorsSurveyor.originProblem(origin);
            if (problem != null) {
                throw new InvalidEndpointRequestException("Malformed 'origin'", "'origin' takes a serialized origin"
                        + " (scheme://host[:port], as a browser sends it in the Origin header) or null: " + problem);
            }
            return this.surveyor.survey(origin).toMap();
        }
        // The segments arrive decoded: encoded again, a segment that held an encoded slash stays one segment.
        StringBuilder requestPath = new StringBuilder();
        for (String segment : path) {
            requestPath.append('/').append(UriUtils.encodePathSegment(segment, StandardCharsets.UTF_8));
        }
        return this.check.check((requestPath.length() > 0) ? requestPath.toString() : "/", origin, method,
                requestMethod, requestHeaders, headers, contentType, websocket, target);
    }

}
