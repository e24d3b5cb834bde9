package dev.fetchcors.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.fetchcors.core.CorsConfig.Setting;

/**
 * Checks a {@link CorsConfig} against every rule of the contract at once and sorts its values into the forms the
 * policy is compiled from. Each problem names the property, the value, the reason and the fix.
 */
final class ConfigValidator {

    static final long MAX_AGE_LIMIT_SECONDS = 86_400;

    /** The longest entry an origin source may hold: a scheme, a host of at most 253 characters and a port fit. */
    static final int MAX_ENTRY_LENGTH = 512;

    final List<ConfigProblem> problems = new ArrayList<>();

    final Set<String> exactOrigins = new LinkedHashSet<>();

    final List<OriginMatcher.Pattern> patterns = new ArrayList<>();

    boolean anyOrigin;

    final Set<String> sendOnlyExactOrigins = new LinkedHashSet<>();

    final List<OriginMatcher.Pattern> sendOnlyPatterns = new ArrayList<>();

    final Set<String> methods = new LinkedHashSet<>();

    boolean anyMethod;

    final Set<String> headers = new LinkedHashSet<>();

    boolean anyHeader;

    final Set<String> exposedHeaders = new LinkedHashSet<>();

    boolean anyExposedHeader;

    long maxAgeSeconds = -1;

    /** The candidate's validation, or {@code null} when there is no candidate. */
    final ConfigValidator candidate;

    private final CorsConfig config;

    ConfigValidator(CorsConfig config) {
        this.config = config;
        validateOrigins();
        validateSendOnlyOrigins();
        validateMethods();
        validateHeaders();
        validateExposedHeaders();
        validateMaxAge();
        validatePreflightStatus();
        validatePrivateNetwork();
        this.candidate = validateCandidate();
    }

    private ConfigValidator validateCandidate() {
        CorsConfig candidate = this.config.candidate();
        if (candidate == null) {
            return null;
        }
        ConfigValidator valid = new ConfigValidator(candidate);
        for (ConfigProblem problem : valid.problems) {
            this.problems.add(problem.withPrefix(Setting.CANDIDATE.key()));
        }
        if (candidate.mode() != CorsConfig.Mode.ENFORCE) {
            problem(Setting.CANDIDATE.key() + "." + Setting.MODE.key(), "shadow", "a candidate is never applied:"
                    + " it is always compared with the policy it stands beside, so it has no mode of its own.",
                    "remove it; set the mode of the policy itself.");
        }
        if (candidate.candidate() != null) {
            problem(Setting.CANDIDATE.key() + "." + Setting.CANDIDATE.key(), "", "a candidate has no candidate of its"
                    + " own.", "remove it.");
        }
        if (this.config.mode() == CorsConfig.Mode.SHADOW) {
            problem(Setting.MODE.key(), "shadow", "a policy in shadow mode is itself compared with the application's"
                    + " own answers; a candidate beside it would be compared with nothing that is sent.",
                    "remove the candidate, or set mode to enforce and keep the candidate.");
        }
        return valid;
    }

    private void problem(String property, Object value, String reason, String fix) {
        this.problems.add(new ConfigProblem(property, String.valueOf(value), reason, fix));
    }

    private void problem(Setting setting, Object value, String reason, String fix) {
        problem(setting.key(), value, reason, fix);
    }

    /**
     * Checks origin entries alone, as entries of {@code allowed-origins} in the context of a configuration's other
     * settings (credentials, the dangerous opt-ins, private network access): an origin source's rows.
     *
     * @param context the configuration the entries would be added to
     * @param entries the entries
     * @param patternsAllowed whether an entry may be a pattern ({@code https://*.example.com}); {@code *} never may
     * @param accepted receives each entry that passes, in order
     */
    ConfigValidator(CorsConfig context, List<String> entries, boolean patternsAllowed, List<String> accepted) {
        this.config = context;
        this.candidate = null;
        for (int i = 0; i < entries.size(); i++) {
            int before = this.problems.size();
            String origin = entries.get(i);
            String property = Setting.ALLOWED_ORIGINS.key(i);
            if (origin != null && origin.length() > MAX_ENTRY_LENGTH) {
                // Only the beginning is kept: a rejected entry is listed, and a row may be of any size.
                problem(property, origin.substring(0, 64) + "...", "it is " + origin.length() + " characters long,"
                        + " and no origin is longer than " + MAX_ENTRY_LENGTH + " (a host name has at most 253).",
                        "store the origin alone: scheme, host and port, such as https://app.example.com.");
                continue;
            }
            if ("*".equals(origin)) {
                problem(property, origin, "an entry loaded at run time grants at most the origin it names: '*' would"
                        + " open the policy to every site.", "remove the entry; '*' belongs in allowed-origins,"
                                + " where it is written on purpose.");
                continue;
            }
            if (origin != null && origin.indexOf('*') >= 0 && !patternsAllowed) {
                problem(property, origin, "this source may not hold patterns: an entry would then grant every"
                        + " subdomain (or every port) of a domain, not the one origin it names.",
                        "write the exact origin, or let the source hold patterns if its entries are yours"
                                + " (app.cors.origin-source.allow-patterns=true, or a CorsOriginSource whose"
                                + " allowsPatterns() is true).");
                continue;
            }
            validateOriginEntry(property, origin);
            if (this.problems.size() == before) {
                accepted.add(origin);
            }
        }
    }

    private void validateOrigins() {
        List<String> origins = this.config.allowedOrigins();
        for (int i = 0; i < origins.size(); i++) {
            validateOriginEntry(Setting.ALLOWED_ORIGINS.key(i), origins.get(i));
        }
    }

    /**
     * Send-only origins, checked as allowed origins are (an origin or a pattern, never {@code *} or {@code null}),
     * and, since their requests run with the user's cookies whatever the policy's credentials, never an
     * {@code http://} origin off loopback without the opt-in that says it is dangerous.
     */
    private void validateSendOnlyOrigins() {
        List<String> origins = this.config.sendOnlyOrigins();
        for (int i = 0; i < origins.size(); i++) {
            String property = Setting.SEND_ONLY_ORIGINS.key(i);
            String origin = origins.get(i);
            if ("*".equals(origin)) {
                problem(property, origin, "'*' would let every site on the Internet make this application run requests"
                        + " with your users' cookies, which is what refusing them prevents.",
                        "name the origins that post back (an identity provider, a payment page), or set"
                                + " cross-origin-protection=false for this path if it is a public API.");
                continue;
            }
            if (origin != null && this.config.allowedOrigins().contains(origin)) {
                problem(property, origin, "it is in allowed-origins too, which lets it send and read.",
                        "remove it from one of the two lists.");
                continue;
            }
            validateOriginEntry(property, origin, this.sendOnlyExactOrigins, this.sendOnlyPatterns, true);
        }
    }

    private void validateOriginEntry(String property, String origin) {
        validateOriginEntry(property, origin, this.exactOrigins, this.patterns, false);
    }

    private void validateOriginEntry(String property, String origin, Set<String> exact,
            List<OriginMatcher.Pattern> patterns, boolean sendOnly) {
        if (origin == null || origin.isBlank()) {
            problem(property, (origin != null) ? origin : "", "the value is empty.",
                    "remove the empty entry, or write an origin such as https://app.example.com.");
            return;
        }
        if (origin.equals("*") && !sendOnly) {
            this.anyOrigin = true;
            if (this.config.allowCredentials()) {
                problem(property, origin,
                        "'*' cannot be combined with allow-credentials=true: browsers ignore the wildcard on"
                                + " credentialed requests (Fetch), and answering every origin instead would let"
                                + " any site read your users' data.",
                        "list the origins that need credentials, or set allow-credentials to false.");
            }
            return;
        }
        if (origin.equals("null")) {
            problem(property, origin,
                    "the 'null' origin is sent by sandboxed iframes, file: pages and cross-origin redirects,"
                            + " which any attacker can produce, so allowing it allows everyone.",
                    "remove it; allow the real origins of your front ends instead.");
            return;
        }
        validateOrigin(property, origin, exact, patterns, sendOnly);
    }

    private void validateOrigin(String property, String origin, Set<String> exact,
            List<OriginMatcher.Pattern> patterns, boolean sendOnly) {
        int schemeEnd = origin.indexOf("://");
        if (schemeEnd > 0) {
            String scheme = origin.substring(0, schemeEnd);
            if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")
                    && HttpLists.isToken(scheme) && scheme.indexOf('*') < 0) {
                problem(property, origin, "only http and https origins can be allowed; '" + scheme
                        + ":' origins are opaque and serialize as 'null', which any site can produce.",
                        "remove it, or serve that front end over https.");
                return;
            }
        }
        if (origin.indexOf('*') >= 0) {
            validatePattern(property, origin, patterns, sendOnly);
            return;
        }
        long parsed = Origins.parse(origin);
        if (parsed == Origins.INVALID) {
            String suggestion = suggest(origin);
            problem(property, origin, "not a serialized origin: " + Origins.problem(origin) + ".",
                    (suggestion != null) ? "write \"" + suggestion + "\"."
                            : "write scheme://host[:port] in lower case, such as https://app.example.com.");
            return;
        }
        checkInsecure(property, origin, Origins.isHttps(parsed),
                origin.substring(Origins.hostStart(parsed), Origins.hostEnd(parsed)), sendOnly);
        exact.add(origin);
    }

    private void validatePattern(String property, String origin, List<OriginMatcher.Pattern> patterns,
            boolean sendOnly) {
        String wildcardRule = "a wildcard is only allowed as the whole leftmost label of a domain"
                + " (https://*.example.com) or as the whole port (https://example.com:*).";
        boolean https = origin.startsWith("https://");
        if (!https && !origin.startsWith("http://")) {
            problem(property, origin, "an origin pattern needs a scheme, and the scheme cannot be a wildcard.",
                    "write https://*.example.com, and add http:// patterns separately if you need them.");
            return;
        }
        String rest = origin.substring(https ? 8 : 7);
        boolean anyPort = false;
        if (rest.endsWith(":*")) {
            anyPort = true;
            rest = rest.substring(0, rest.length() - 2);
        }
        boolean subdomains = false;
        if (rest.startsWith("*.")) {
            subdomains = true;
            rest = rest.substring(2);
        }
        if (rest.indexOf('*') >= 0 || rest.isEmpty()) {
            problem(property, origin, wildcardRule, "write a pattern such as https://*.example.com.");
            return;
        }
        // Check what remains with the wildcards replaced by concrete values.
        String probe = (https ? "https://" : "http://") + (subdomains ? "a." : "") + rest;
        long parsed = Origins.parse(probe);
        if (parsed == Origins.INVALID) {
            String why = Origins.problem(probe);
            problem(property, origin, "the pattern is not a valid origin once its wildcard is filled in: "
                    + ((why != null) ? why : "malformed") + ".",
                    "write scheme://*.domain[:port] in lower case, such as https://*.example.com.");
            return;
        }
        int port = Origins.port(parsed);
        String host = probe.substring(Origins.hostStart(parsed) + (subdomains ? 2 : 0), Origins.hostEnd(parsed));
        if (anyPort && port != 0) {
            problem(property, origin, wildcardRule, "write either a port or :*, not both.");
            return;
        }
        if (subdomains) {
            if (Origins.hostKind(parsed) != Origins.HOST_DOMAIN) {
                problem(property, origin, "a subdomain wildcard needs a domain name, not an IP address.",
                        "list the addresses you need as exact origins.");
                return;
            }
            if (!this.config.dangerouslyAllowPublicSuffixWildcards() && PublicSuffixList.get().isPublicSuffix(host)) {
                problem(property, origin, "'" + host + "' is a public suffix (Public Suffix List): anyone can"
                        + " register a domain under it, so the wildcard would allow sites you do not control.",
                        "name a domain you own, such as https://*.example." + host
                                + ", or set dangerously-allow-public-suffix-wildcards=true if you really operate"
                                + " every site under it.");
                return;
            }
        }
        checkInsecure(property, origin, https, host, sendOnly);
        patterns.add(new OriginMatcher.Pattern(https, host, subdomains, anyPort ? OriginMatcher.ANY_PORT : port));
    }

    private void checkInsecure(String property, String origin, boolean https, String host, boolean sendOnly) {
        if (sendOnly) {
            if (!https && !isLoopback(host) && !this.config.dangerouslyAllowInsecureOriginsWithCredentials()) {
                problem(property, origin, "an http:// origin can be impersonated by anyone on the network path"
                        + " (public Wi-Fi, a proxy), who could then make this application run requests with your"
                        + " users' cookies.", "use the https:// origin, or set"
                                + " dangerously-allow-insecure-origins-with-credentials=true if that traffic never"
                                + " leaves a network you trust.");
            }
            return;
        }
        if (!https && this.config.allowCredentials() && !isLoopback(host)
                && !this.config.dangerouslyAllowInsecureOriginsWithCredentials()) {
            problem(property, origin, "an http:// origin with allow-credentials=true lets anyone on the network"
                    + " path (public Wi-Fi, a proxy) impersonate it and read your users' data.",
                    "use the https:// origin, or set dangerously-allow-insecure-origins-with-credentials=true if"
                            + " that traffic never leaves a network you trust.");
        }
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    }

    /** A likely intended origin for a malformed one, or {@code null} when there is no obvious one. */
    static String suggest(String origin) {
        String candidate = origin.strip().toLowerCase(Locale.ROOT);
        int schemeEnd = candidate.indexOf("://");
        if (schemeEnd < 0) {
            return null;
        }
        int hostStart = schemeEnd + 3;
        int at = candidate.indexOf('@', hostStart);
        int pathStart = firstOf(candidate, hostStart, '/', '?', '#');
        if (at >= 0 && at < pathStart) {
            hostStart = at + 1;
        }
        candidate = candidate.substring(0, schemeEnd + 3) + candidate.substring(hostStart, pathStart);
        if (candidate.startsWith("https://") && candidate.endsWith(":443")) {
            candidate = candidate.substring(0, candidate.length() - 4);
        }
        else if (candidate.startsWith("http://") && candidate.endsWith(":80")) {
            candidate = candidate.substring(0, candidate.length() - 3);
        }
        if (candidate.endsWith(".")) {
            candidate = candidate.substring(0, candidate.length() - 1);
        }
        return (!candidate.equals(origin) && Origins.parse(candidate) != Origins.INVALID) ? candidate : null;
    }

    private static int firstOf(String value, int from, char... chars) {
        int first = value.length();
        for (char c : chars) {
            int index = value.indexOf(c, from);
            if (index >= 0 && index < first) {
                first = index;
            }
        }
        return first;
    }

    private void validateMethods() {
        List<String> methods = this.config.allowedMethods();
        for (int i = 0; i < methods.size(); i++) {
            String property = Setting.ALLOWED_METHODS.key(i);
            String method = methods.get(i);
            if ("*".equals(method)) {
                this.anyMethod = true;
                continue;
            }
            if (!HttpLists.isToken(method)) {
                problem(property, (method != null) ? method : "",
                        "not a method: a method is an RFC 9110 token (letters, digits and !#$%&'*+-.^_`|~).",
                        "write a method such as PUT, or '*' for any method.");
                continue;
            }
            String upper = method.toUpperCase(Locale.ROOT);
            if (BrowserRules.isForbiddenMethod(method)) {
                problem(property, method, "browsers forbid scripts to send " + upper + " (Fetch), so it can never be"
                        + " allowed.", "remove it.");
                continue;
            }
            // Fetch: browsers upper-case these before sending; configured otherwise, they would never match.
            if (!method.equals(BrowserRules.normalizeMethod(method))) {
                problem(property, method, "methods are case-sensitive and browsers always send " + upper
                        + " in upper case, so '" + method + "' would never match.", "write " + upper + ".");
                continue;
            }
            this.methods.add(method);
        }
    }

    private void validateHeaders() {
        List<String> headers = this.config.allowedHeaders();
        for (int i = 0; i < headers.size(); i++) {
            String property = Setting.ALLOWED_HEADERS.key(i);
            String header = headers.get(i);
            if ("*".equals(header)) {
                this.anyHeader = true;
                continue;
            }
            if (!HttpLists.isToken(header)) {
                problem(property, (header != null) ? header : "",
                        "not a header name: a header name is an RFC 9110 token (no spaces, colons or commas).",
                        "write a header name such as X-Request-Id, or '*' for any header.");
                continue;
            }
            String lower = HttpLists.toLowerAscii(header);
            if (BrowserRules.isForbiddenRequestHeader(lower)) {
                problem(property, header, "it is a forbidden request header (Fetch): browsers never let scripts set"
                        + " it, so allowing it has no effect.", "remove it.");
                continue;
            }
            if (lower.startsWith("access-control-")) {
                problem(property, header, "it is a CORS response header: the server sends it, a browser never asks"
                        + " to send it, so allowing it does nothing; it is the mark of a configuration copied from a"
                        + " response.", "remove it, and list the request headers your scripts set.");
                continue;
            }
            this.headers.add(lower);
        }
    }

    private void validateExposedHeaders() {
        List<String> headers = this.config.exposedHeaders();
        for (int i = 0; i < headers.size(); i++) {
            String property = Setting.EXPOSED_HEADERS.key(i);
            String header = headers.get(i);
            if ("*".equals(header)) {
                this.anyExposedHeader = true;
                if (this.config.allowCredentials()) {
                    problem(property, header, "with allow-credentials=true, browsers read '*' in"
                            + " Access-Control-Expose-Headers as a header literally named '*' (Fetch), so no header"
                            + " would be exposed.", "list the header names to expose.");
                }
                continue;
            }
            if (!HttpLists.isToken(header)) {
                problem(property, (header != null) ? header : "",
                        "not a header name: a header name is an RFC 9110 token (no spaces, colons or commas).",
                        "write a header name such as X-Total-Count.");
                continue;
            }
            String lower = HttpLists.toLowerAscii(header);
            if (BrowserRules.isForbiddenResponseHeader(lower)) {
                problem(property, header, "browsers never expose " + header + " to scripts (Fetch), whatever the"
                        + " server says.", "remove it.");
                continue;
            }
            if (lower.startsWith("access-control-request-")) {
                problem(property, header, "it is a CORS request header: browsers send it in preflights and no"
                        + " response carries it, so exposing it does nothing; it is the mark of a configuration"
                        + " copied from a request.", "remove it, and list the response headers your scripts read.");
                continue;
            }
            this.exposedHeaders.add(header);
        }
    }

    private void validateMaxAge() {
        Duration maxAge = this.config.maxAge();
        if (maxAge == null) {
            return;
        }
        if (maxAge.isNegative()) {
            problem(Setting.MAX_AGE, describe(maxAge), "a max age cannot be negative.",
                    "remove it to send none, or set a duration from 0s to 24h.");
        }
        else if (maxAge.getSeconds() > MAX_AGE_LIMIT_SECONDS) {
            problem(Setting.MAX_AGE, describe(maxAge), "no browser caches a preflight for longer than 24 hours"
                    + " (Firefox caps at 24h, Chromium at 2h), so a longer max age only misleads.",
                    "set 24h or less, such as 1h.");
        }
        else {
            this.maxAgeSeconds = maxAge.getSeconds();
        }
    }

    /** A duration as a person writes it in a property ({@code 48h}, {@code 90m}, {@code -1s}); ISO-8601 if fractional. */
    static String describe(Duration duration) {
        if (duration.getNano() != 0) {
            return duration.toString();
        }
        long seconds = duration.getSeconds();
        if (seconds != 0 && seconds % 3600 == 0) {
            return (seconds / 3600) + "h";
        }
        if (seconds != 0 && seconds % 60 == 0) {
            return (seconds / 60) + "m";
        }
        return seconds + "s";
    }

    private void validatePrivateNetwork() {
        if (this.anyOrigin && this.config.allowPrivateNetwork()
                && !this.config.dangerouslyAllowPrivateNetworkFromAnyOrigin()) {
            problem(Setting.ALLOW_PRIVATE_NETWORK, true, "with allowed-origins '*', every public site on the Internet"
                    + " could make the browsers of your users reach this private-network host.",
                    "list the origins that need private network access, or set"
                            + " dangerously-allow-private-network-from-any-origin=true if this host is meant to be"
                            + " reachable from any site.");
        }
    }

    private void validatePreflightStatus() {
        int status = this.config.preflightStatus();
        if (status != 204 && status != 200) {
            problem(Setting.PREFLIGHT_STATUS, status, "a preflight's answer must have an ok status; this library uses"
                    + " 204, or 200 for old clients.", "set 204 or 200.");
        }
    }

}
