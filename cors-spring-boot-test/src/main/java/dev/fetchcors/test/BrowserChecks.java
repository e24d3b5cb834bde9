package dev.fetchcors.test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.fetchcors.core.BrowserRules;
import dev.fetchcors.core.BrowserRules.Failure;
import dev.fetchcors.core.CorsHeaders;
import dev.fetchcors.core.CorsRequest;
import org.jspecify.annotations.Nullable;

import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_HEADERS;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_METHODS;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_ALLOW_ORIGIN;
import static dev.fetchcors.core.CorsHeaders.ACCESS_CONTROL_EXPOSE_HEADERS;

/**
 * What a browser checks, after the Fetch standard: each method returns why the browser would refuse, in a
 * sentence, or {@code null} when it would not.
 */
final class BrowserChecks {

    private BrowserChecks() {
    }

    /**
     * Fetch, "CORS check": whether a script on {@code origin} may read the response, as {@link BrowserRules} runs it.
     *
     * @see <a href="https://fetch.spec.whatwg.org/#cors-check">CORS check</a>
     */
    static @Nullable String corsCheck(CorsResponse response, String origin, boolean credentials) {
        Failure failure = BrowserRules.corsCheck(response, origin, credentials);
        if (failure == null) {
            return null;
        }
        List<String> allowOrigin = response.values(ACCESS_CONTROL_ALLOW_ORIGIN);
        if (failure == Failure.ORIGIN) {
            if (allowOrigin.isEmpty()) {
                return "the response has no " + ACCESS_CONTROL_ALLOW_ORIGIN;
            }
            if (allowOrigin.size() > 1 || allowOrigin.get(0).contains(",")) {
                return ACCESS_CONTROL_ALLOW_ORIGIN + " has several values (" + String.join(" | ", allowOrigin)
                        + "), and a browser accepts exactly one";
            }
            String value = allowOrigin.get(0).strip();
            return ACCESS_CONTROL_ALLOW_ORIGIN + " is '" + value + "', not the page's origin '" + origin + "'";
        }
        if ("*".equals(response.header(ACCESS_CONTROL_ALLOW_ORIGIN))) {
            return ACCESS_CONTROL_ALLOW_ORIGIN + " is '*', not the page's origin '" + origin
                    + "' (with credentials, a browser takes '*' literally)";
        }
        List<String> allowCredentials = response.values(ACCESS_CONTROL_ALLOW_CREDENTIALS);
        return "the request carries credentials and " + ACCESS_CONTROL_ALLOW_CREDENTIALS + " is "
                + (allowCredentials.isEmpty() ? "missing" : "'" + String.join(" | ", allowCredentials) + "'")
                + ", not 'true' (set allow-credentials: true for this path's policy, if its pages send cookies)";
    }

    /**
     * Fetch, "CORS-preflight fetch", steps 7 to 9: whether the answer to a preflight lets the browser send the
     * request, as {@link BrowserRules} runs it.
     *
     * @see <a href="https://fetch.spec.whatwg.org/#cors-preflight-fetch">CORS-preflight fetch</a>
     */
    static @Nullable String preflightCheck(CorsResponse response, BrowserRequest request) {
        Failure failure = BrowserRules.preflightCheck(response, new Preflight(request), request.hasCredentials());
        if (failure == null) {
            return null;
        }
        List<String> methods = response.elements(ACCESS_CONTROL_ALLOW_METHODS);
        List<String> headerNames = response.elements(ACCESS_CONTROL_ALLOW_HEADERS);
        return switch (failure) {
            // Fetch checks both in one step; a refused preflight is best told by its status.
            case ORIGIN, CREDENTIALS -> (response.status() < 200 || response.status() > 299) ? notOk(response)
                    : corsCheck(response, request.origin(), request.hasCredentials());
            case STATUS -> notOk(response);
            case PRIVATE_NETWORK -> "the preflight asked for private network access and "
                    + CorsHeaders.ACCESS_CONTROL_ALLOW_PRIVATE_NETWORK + " is not 'true'";
            case METHOD -> "the method " + request.method() + " is not in " + ACCESS_CONTROL_ALLOW_METHODS + " ("
                    + (methods.isEmpty() ? "none" : String.join(", ", methods)) + ")"
                    + ((request.hasCredentials() && methods.contains("*")) ? "; with credentials '*' is literal" : "");
            case HEADERS -> refusedHeader(request, headerNames);
        };
    }

    private static String notOk(CorsResponse response) {
        return "the preflight's status " + response.status() + " is not an ok status (2xx)";
    }

    /** Which requested header the answer does not allow, in words. */
    private static String refusedHeader(BrowserRequest request, List<String> headerNames) {
        for (String unsafe : request.classification().unsafeHeaderNames()) {
            boolean listed = containsIgnoreCase(headerNames, unsafe);
            if (!listed && BrowserRules.isNonWildcardRequestHeader(unsafe)) {
                return "the request header Authorization is not listed in " + ACCESS_CONTROL_ALLOW_HEADERS + " ("
                        + String.join(", ", headerNames) + "), and '*' never covers it";
            }
        }
        for (String unsafe : request.classification().unsafeHeaderNames()) {
            if (!containsIgnoreCase(headerNames, unsafe)) {
                return "the request header " + unsafe + " is not in " + ACCESS_CONTROL_ALLOW_HEADERS + " ("
                        + (headerNames.isEmpty() ? "none" : String.join(", ", headerNames)) + ")";
            }
        }
        return "a request header is not in " + ACCESS_CONTROL_ALLOW_HEADERS + " (" + String.join(", ", headerNames)
                + ")";
    }

    /**
     * Why the application refused a request, in its own words: the policy's reason, which names the property to
     * change, from the response; or, where the response does not carry it (a server without the kit on its class
     * path), how to get it.
     *
     * @param response the response that stopped the browser
     * @param request what the script asked for, or {@code null} when not known
     * @return a sentence to follow the browser's verdict
     */
    static String explanation(CorsResponse response, @Nullable BrowserRequest request) {
        String reason = response.reason();
        if (reason != null) {
            return "; the application's CORS " + (reason.endsWith(".") ? reason.substring(0, reason.length() - 1)
                    : reason);
        }
        if (request == null) {
            return "; the server does not say why (it does where this kit is on its class path): run it with"
                    + " logging.level.dev.fetchcors=debug, or ask its actuator's cors endpoint";
        }
        StringBuilder check = new StringBuilder("GET /actuator/cors?path=")
            .append(URLEncoder.encode(request.path(), StandardCharsets.UTF_8))
            .append("&origin=")
            .append(URLEncoder.encode(request.origin(), StandardCharsets.UTF_8));
        if (request.isPreflighted()) {
            check.append("&requestMethod=").append(URLEncoder.encode(request.method(), StandardCharsets.UTF_8));
            String headers = request.preflightHeaders().get("Access-Control-Request-Headers");
            if (headers != null) {
                check.append("&requestHeaders=").append(URLEncoder.encode(headers, StandardCharsets.UTF_8));
            }
        }
        return "; the server does not say why (it does where this kit is on its class path): run it with"
                + " logging.level.dev.fetchcors=debug, or ask its actuator: " + check;
    }

    /** Whether a script that passed the CORS check may read a response header. */
    static boolean isReadable(CorsResponse response, String header, boolean credentials) {
        if (BrowserRules.isSafelistedResponseHeader(header)) {
            return true;
        }
        List<String> exposed = response.elements(ACCESS_CONTROL_EXPOSE_HEADERS);
        return containsIgnoreCase(exposed, header)
                || (!credentials && exposed.contains("*") && !BrowserRules.isForbiddenResponseHeader(header));
    }

    /**
     * Mistakes a response can carry whatever the request: a CORS header sent twice, {@code *} with credentials, an
     * echoed origin without {@code Vary: Origin}.
     */
    static List<String> hygiene(CorsResponse response) {
        List<String> problems = new ArrayList<>();
        for (String name : CorsHeaders.RESPONSE_HEADERS) {
            if (response.values(name).size() > 1) {
                problems.add(name + " is sent " + response.values(name).size() + " times ("
                        + String.join(" | ", response.values(name)) + "): browsers reject several values, so two"
                        + " components both write CORS headers");
            }
        }
        List<String> allowOrigin = response.values(ACCESS_CONTROL_ALLOW_ORIGIN);
        boolean credentials = response.values(ACCESS_CONTROL_ALLOW_CREDENTIALS)
            .stream()
            .anyMatch((value) -> value.strip().equals("true"));
        if (credentials && allowOrigin.stream().anyMatch((value) -> value.strip().equals("*"))) {
            problems.add(ACCESS_CONTROL_ALLOW_ORIGIN + " '*' with " + ACCESS_CONTROL_ALLOW_CREDENTIALS
                    + " 'true': no browser allows that combination");
        }
        if (credentials && response.elements(ACCESS_CONTROL_EXPOSE_HEADERS).contains("*")) {
            problems.add(ACCESS_CONTROL_EXPOSE_HEADERS + " '*' with " + ACCESS_CONTROL_ALLOW_CREDENTIALS
                    + " 'true': browsers read '*' as a header literally named '*'");
        }
        if (allowOrigin.size() == 1 && !allowOrigin.get(0).strip().equals("*")
                && !containsIgnoreCase(response.elements("Vary"), "Origin") && !response.elements("Vary").contains("*")) {
            problems.add(ACCESS_CONTROL_ALLOW_ORIGIN + " echoes '" + allowOrigin.get(0) + "' without Vary: Origin, so a"
                    + " shared cache can serve this answer to another origin");
        }
        return problems;
    }

    /** The preflight a browser sends before a request, as the browser's rules read it. */
    private static final class Preflight implements CorsRequest {

        private final Map<String, String> headers;

        Preflight(BrowserRequest request) {
            this.headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            this.headers.putAll(request.preflightHeaders());
        }

        @Override
        public String method() {
            return "OPTIONS";
        }

        @Override
        public @Nullable String header(String name) {
            return this.headers.get(name);
        }

    }

    private static boolean containsIgnoreCase(List<String> values, String value) {
        for (String candidate : values) {
            if (candidate.equalsIgnoreCase(value)) {
                return true;
            }
        }
        return false;
    }

}
