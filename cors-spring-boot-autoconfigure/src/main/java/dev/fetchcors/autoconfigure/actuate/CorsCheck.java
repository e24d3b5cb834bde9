package dev.fetchcors.autoconfigure.actuate;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.fetchcors.autoconfigure.judge.CorsJudge;
import dev.fetchcors.autoconfigure.judge.CorsRoutes;
import dev.fetchcors.autoconfigure.judge.JudgedRequest;
import dev.fetchcors.core.BrowserClassifier;
import dev.fetchcors.core.CorsDecision;
import dev.fetchcors.core.CorsRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.RequestPath;

/**
 * The {@code cors} endpoint's check of a request described to it: judged by the CORS filter's own judge, on the path
 * the application routes, and answered with the decision, the headers the filter would write, the browser's view of
 * the request and the reason in words.
 */
final class CorsCheck {

    private static final String OPTIONS = "OPTIONS";

    private final CorsJudge judge;

    private final CorsRoutes routes;

    CorsCheck(CorsJudge judge, CorsRoutes routes) {
        this.judge = judge;
        this.routes = routes;
    }

    Map<String, Object> check(String requestPath, @Nullable String origin, @Nullable String method,
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

        this.judge.judgeQuietly(request);
        CorsDecision decision = request.decision();
        if (decision == null) {
            result.put("kind", "none");
            result.put("allowed", false);
            result.put("headers", Map.of());
            result.put("reason", "No policy applies to " + requestPath
                    + ": the filter passes the request on untouched, without CORS headers or Vary.");
            result.put("browser", browser(request, effectiveMethod, false, headers, contentType));
            return result;
        }
        result.put("policy", request.policyName());
        describe(decision, request, result);
        if (decision.isShadow()) {
            result.put("mode", "shadow");
            result.put("shadow", "The policy is in shadow mode: the filter writes none of these headers, answers"
                    + " nothing and refuses nothing; it compares this answer with the one the application sends.");
        }
        CorsDecision candidate = request.candidateDecision();
        if (candidate != null) {
            Map<String, Object> candidateResult = new LinkedHashMap<>();
            describe(candidate, request, candidateResult);
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
    private static final class CheckedRequest extends JudgedRequest {

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
