package dev.fetchcors.autoconfigure.actuate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.fetchcors.autoconfigure.CorsDecisionObserver.Comparison;
import dev.fetchcors.autoconfigure.CorsOriginSources;
import dev.fetchcors.autoconfigure.CorsPolicies;
import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.NamedCorsPolicy;
import dev.fetchcors.autoconfigure.ServerCorsRequest;
import dev.fetchcors.autoconfigure.web.CorsRoutes;
import dev.fetchcors.autoconfigure.web.CorsStep;
import dev.fetchcors.autoconfigure.web.CorsStep.Uncovered;
import dev.fetchcors.autoconfigure.web.ShadowReport;
import dev.fetchcors.core.BrowserClassifier;
import dev.fetchcors.core.CorsConfig;
import dev.fetchcors.core.CorsDecision;
import dev.fetchcors.core.CorsPolicy;
import dev.fetchcors.core.CorsRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.Selector.Match;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.http.server.RequestPath;
import org.springframework.util.Assert;
import org.springframework.web.util.UriUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The {@code cors} actuator endpoint: the policies in force, and what the CORS filter would do with a given
 * request.
 *
 * <pre>
 * GET /actuator/cors
 * GET /actuator/cors/api/orders?origin=https://app.example.com&amp;requestMethod=PUT&amp;requestHeaders=x-request-id
 * GET /actuator/cors?path=/api//orders&amp;origin=https://app.example.com
 * GET /actuator/cors/ws/chat?origin=https://evil.example&amp;websocket=true
 * </pre>
 *
 * <p>The first lists the default policy and each per-path policy with every setting, under the names of the
 * {@code app.cors.*} properties. The second evaluates a request to the path after {@code /actuator/cors} exactly
 * as the filter would, with the same policy snapshot, and answers with the decision, the headers the filter would
 * write, whether a browser would have preflighted the request first, and the reason in words. Responses are plain
 * maps and lists of strings, numbers and booleans.
 *
 * <p>The listing ends with {@code shadow}: what shadow mode and candidate policies found, with a summary ("0
 * differences in 1532 CORS requests compared since ...") and each distinct difference with its count, first and
 * last time seen, an example request and the property to change. {@code DELETE /actuator/cors} empties it.
 */
@Endpoint(id = "cors")
public class CorsEndpoint {

    private static final String OPTIONS = "OPTIONS";

    private final CorsPolicyResolver resolver;

    private final CorsStep step;

    private final CorsRoutes routes;

    private final @Nullable CorsOriginSources originSources;

    /**
     * An endpoint over the given resolver, for an application whose paths are routed as they are.
     *
     * @param resolver the resolver the CORS filter uses
     */
    public CorsEndpoint(CorsPolicyResolver resolver) {
        this(new CorsStep(resolver, null, Uncovered.SAME_ORIGIN_SOCKETS), CorsRoutes.WITHIN_APPLICATION);
    }

    /**
     * An endpoint that answers as the CORS filter does: with the filter's step (its resolver, and what becomes of
     * requests no policy covers) and the application's routes.
     *
     * @param step the step the CORS filter runs
     * @param routes how the application routes a request path
     */
    public CorsEndpoint(CorsStep step, CorsRoutes routes) {
        this(step, routes, null);
    }

    /**
     * An endpoint that answers as the CORS filter does, and lists the origin sources and loads them on demand.
     *
     * @param step the step the CORS filter runs
     * @param routes how the application routes a request path
     * @param originSources the origin sources, or {@code null}
     */
    public CorsEndpoint(CorsStep step, CorsRoutes routes, @Nullable CorsOriginSources originSources) {
        Assert.notNull(step, "'step' must not be null");
        Assert.notNull(routes, "'routes' must not be null");
        this.resolver = step.resolver();
        this.step = step;
        this.routes = routes;
        this.originSources = originSources;
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
            return check(path.startsWith("/") ? path : "/" + path, origin, method, requestMethod, requestHeaders,
                    headers, contentType, websocket, target);
        }
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("resolver", this.resolver.getClass().getName());
        // A resolver that picks its policies in code has no list to show: its policies() is empty.
        CorsPolicies policies = this.resolver.policies();
        NamedCorsPolicy defaultPolicy = policies.defaultPolicy();
        if (defaultPolicy != null) {
            description.put("default", defaultPolicy.policy().config().settings());
        }
        List<Map<String, Object>> pathPolicies = new ArrayList<>();
        for (NamedCorsPolicy pathPolicy : policies.pathPolicies()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", pathPolicy.name());
            entry.put("path-patterns", pathPolicy.pathPatterns().stream().map(PathPattern::getPatternString).toList());
            entry.putAll(pathPolicy.policy().config().settings());
            pathPolicies.add(entry);
        }
        description.put("policies", pathPolicies);
        description.put("shadow", shadow(this.step.shadowReport().snapshot()));
        if (this.originSources != null) {
            description.put("origin-sources", originSources(this.originSources.statuses()));
        }
        return description;
    }

    /**
     * Loads every origin source now, rather than at the next refresh, and answers with the state of each: what a
     * deployment pipeline calls after adding a tenant ({@code POST /actuator/cors}).
     *
     * @return the state of each origin source, as the listing shows it
     */
    @WriteOperation
    public Map<String, Object> refreshOriginSources() {
        if (this.originSources == null) {
            return Map.of("origin-sources", List.of(), "reason", "No origin source is configured"
                    + " (app.cors.origin-source.query, or a CorsOriginSource bean).");
        }
        return Map.of("origin-sources", originSources(this.originSources.refreshNow()));
    }

    private static List<Map<String, Object>> originSources(List<CorsOriginSources.Status> statuses) {
        List<Map<String, Object>> sources = new ArrayList<>();
        for (CorsOriginSources.Status status : statuses) {
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("name", status.name());
            source.put("policy", status.policy());
            source.put("origins", status.origins());
            source.put("rejected-count", status.rejectedCount());
            List<Map<String, Object>> rejected = new ArrayList<>();
            for (CorsOriginSources.Rejected entry : status.rejected()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("value", entry.value());
                row.put("reason", entry.reason());
                row.put("fix", entry.fix());
                rejected.add(row);
            }
            source.put("rejected", rejected);
            if (status.lastSuccess() != null) {
                source.put("last-success", status.lastSuccess().toString());
            }
            if (status.age() != null) {
                source.put("age-seconds", status.age().toSeconds());
            }
            if (status.lastLoadTime() != null) {
                source.put("last-load-millis", status.lastLoadTime().toMillis());
            }
            source.put("consecutive-failures", status.consecutiveFailures());
            source.put("failures", status.failures());
            if (status.lastFailure() != null) {
                source.put("last-failure", status.lastFailure());
            }
            sources.add(source);
        }
        return sources;
    }

    /**
     * Forgets what shadow mode and candidate policies found, and starts counting again: after the policy was fixed,
     * so that "0 differences" is about the policy as it is now.
     *
     * @return the summary of the emptied report
     */
    @DeleteOperation
    public Map<String, Object> resetShadowReport() {
        ShadowReport report = this.step.shadowReport();
        report.reset();
        return Map.of("summary", report.snapshot().summary());
    }

    private static Map<String, Object> shadow(ShadowReport.Snapshot snapshot) {
        Map<String, Object> shadow = new LinkedHashMap<>();
        shadow.put("summary", snapshot.summary());
        shadow.put("since", snapshot.since().toString());
        Map<String, Object> requests = new LinkedHashMap<>();
        requests.put("shadow", snapshot.shadowRequests());
        requests.put("candidate", snapshot.candidateRequests());
        shadow.put("requests", requests);
        shadow.put("differences", snapshot.differenceCount());
        shadow.put("overflow", snapshot.overflow());
        List<Map<String, Object>> entries = new ArrayList<>();
        for (ShadowReport.Difference difference : snapshot.differences()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("policy", difference.policy());
            entry.put("comparison", difference.comparison().name().toLowerCase(Locale.ROOT));
            entry.put("kind", difference.difference().kind().name().toLowerCase(Locale.ROOT));
            entry.put("verdict", difference.difference().verdict().tag());
            entry.put("reason", difference.difference().aspect().tag());
            CorsConfig.Setting setting = difference.difference().aspect().setting();
            if (setting != null) {
                entry.put("property", ((difference.comparison() == Comparison.CANDIDATE) ? "candidate." : "")
                        + setting.key());
            }
            entry.put("origin", difference.origin());
            entry.put("method", difference.method());
            entry.put("count", difference.count());
            entry.put("firstSeen", difference.firstSeen().toString());
            entry.put("lastSeen", difference.lastSeen().toString());
            entry.put("example", difference.example());
            entry.put("message", difference.reason());
            entries.add(entry);
        }
        shadow.put("entries", entries);
        return shadow;
    }

    /**
     * What the CORS filter would do with a request, selected by the same resolver on the same parsed path. It is
     * a preflight when its method is {@code OPTIONS} (the default when {@code requestMethod} is given) and it has
     * a {@code requestMethod}, as for the filter.
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
        // The segments arrive decoded: encoded again, a segment that held an encoded slash stays one segment.
        StringBuilder requestPath = new StringBuilder();
        for (String segment : path) {
            requestPath.append('/').append(UriUtils.encodePathSegment(segment, StandardCharsets.UTF_8));
        }
        return check((requestPath.length() > 0) ? requestPath.toString() : "/", origin, method, requestMethod,
                requestHeaders, headers, contentType, websocket, target);
    }

    private Map<String, Object> check(String requestPath, @Nullable String origin, @Nullable String method,
            @Nullable String requestMethod, @Nullable String requestHeaders, @Nullable String headers,
            @Nullable String contentType, @Nullable Boolean websocket, @Nullable String target) {
        boolean handshake = Boolean.TRUE.equals(websocket);
        String effectiveMethod = handshake ? "GET" : (method != null && !method.isEmpty()) ? method
                : (requestMethod != null) ? OPTIONS : "GET";
        CheckedRequest request = new CheckedRequest(effectiveMethod, this.routes.route(requestPath), target);
        request.set("Origin", origin);
        if (handshake) {
            request.set("Upgrade", "websocket");
        }
        request.set("Access-Control-Request-Method", requestMethod);
        request.set("Access-Control-Request-Headers", requestHeaders);
        request.set("Content-Type", contentType);

        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("path", requestPath);
        echo.put("method", effectiveMethod);
        echo.putAll(request.headers);
        result.put("request", echo);

        CorsStep.Judgement judgement = this.step.judge(request);
        if (judgement == null) {
            result.put("kind", "none");
            result.put("allowed", false);
            result.put("headers", Map.of());
            result.put("reason", "No policy applies to " + requestPath
                    + ": the filter passes the request on untouched, without CORS headers or Vary.");
            result.put("browser", browser(request, effectiveMethod, false, headers, contentType));
            return result;
        }
        result.put("policy", judgement.policy().name());
        CorsDecision decision = judgement.decision();
        describe(decision, request, result);
        if (decision.isShadow()) {
            result.put("mode", "shadow");
            result.put("shadow", "The policy is in shadow mode: the filter writes none of these headers, answers"
                    + " nothing and refuses nothing; it compares this answer with the one the application sends.");
        }
        CorsPolicy candidate = judgement.policy().policy().candidate();
        if (candidate != null) {
            Map<String, Object> candidateResult = new LinkedHashMap<>();
            describe(candidate.evaluate(request), request, candidateResult);
            result.put("candidate", candidateResult);
        }
        if (handshake) {
            result.put("browser", Map.of("preflighted", false, "reason", "Browsers open a WebSocket to any site,"
                    + " with the user's cookies, and apply no CORS to it: the server's origin check is all there is."));
        }
        else {
            result.put("browser", browser(request, effectiveMethod,
                    decision.kind() == CorsDecision.Kind.PREFLIGHT, headers, contentType));
        }
        return result;
    }

    private static void describe(CorsDecision decision, CorsRequest request, Map<String, Object> result) {
        result.put("kind", decision.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        result.put("allowed", decision.isAllowed());
        if (decision.refusal() != null) {
            result.put("refusal", decision.refusal().name().toLowerCase(Locale.ROOT));
        }
        result.put("answered", decision.isAnswered());
        if (decision.isAnswered()) {
            result.put("status", decision.status());
        }
        Map<String, Object> written = new LinkedHashMap<>();
        for (int i = 0; i < decision.headerCount(); i++) {
            written.put(decision.headerName(i), decision.headerValue(i));
        }
        if (decision.vary() != null) {
            written.put("Vary", decision.vary());
        }
        result.put("headers", written);
        result.put("reason", decision.reason(request));
    }

    private static Map<String, Object> browser(CheckedRequest request, String method, boolean preflight,
            @Nullable String headers, @Nullable String contentType) {
        String scriptMethod = method;
        Map<String, String> scriptHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (preflight) {
            // The request the preflight asks about: every header it lists is one the browser found unsafe.
            scriptMethod = request.header("Access-Control-Request-Method");
            names(request.header("Access-Control-Request-Headers"), scriptHeaders);
        }
        else {
            names(headers, scriptHeaders);
            if (contentType != null) {
                scriptHeaders.put("Content-Type", contentType);
            }
        }
        BrowserClassifier.Classification classification = BrowserClassifier.classify(scriptMethod, scriptHeaders);
        Map<String, Object> browser = new LinkedHashMap<>();
        browser.put("preflighted", classification.preflighted());
        if (classification.accessControlRequestHeaders() != null) {
            browser.put("accessControlRequestHeaders", classification.accessControlRequestHeaders());
        }
        browser.put("reason", classification.reason());
        return browser;
    }

    private static void names(@Nullable String list, Map<String, String> into) {
        if (list == null) {
            return;
        }
        for (String name : list.split(",")) {
            if (!name.isBlank()) {
                // Values are unknown; an empty one is as safe as a value gets.
                into.putIfAbsent(name.strip(), "");
            }
        }
    }

    /** The request to check, as the filter would see it. */
    private static final class CheckedRequest implements ServerCorsRequest {

        private final String method;

        private final RequestPath path;

        private final @Nullable String target;

        private final Map<String, String> headers = new LinkedHashMap<>();

        CheckedRequest(String method, RequestPath path, @Nullable String target) {
            this.method = method;
            this.path = path;
            this.target = target;
        }

        @Override
        public @Nullable String targetOrigin() {
            return this.target;
        }

        @Override
        public RequestPath path() {
            return this.path;
        }

        void set(String name, @Nullable String value) {
            if (value != null) {
                this.headers.put(name, value);
            }
        }

        @Override
        public String method() {
            return this.method;
        }

        @Override
        public @Nullable String header(String name) {
            for (Map.Entry<String, String> header : this.headers.entrySet()) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    return header.getValue();
                }
            }
            return null;
        }

    }

}
