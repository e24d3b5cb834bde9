package dev.fetchcors.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The requests measured, each with the policy it meets. Every request also carries the headers a browser always
 * sends ({@code Host}, {@code Accept}, {@code User-Agent}), since adapters that copy headers pay for them.
 */
public enum Scenario {

    /** 1. A same-origin or non-browser request: no {@code Origin}. */
    NO_ORIGIN(Policies.TYPICAL, "GET", true, false),

    /** 2. An actual request from an allowed origin. */
    ACTUAL(Policies.TYPICAL, "GET", true, false, "Origin", "https://app.example.com"),

    /** 3. An allowed preflight asking for two headers. */
    PREFLIGHT(Policies.TYPICAL, "OPTIONS", true, true, "Origin", "https://app.example.com",
            "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "content-type,x-requested-with"),

    /** 4. A preflight from an origin that is not allowed. */
    PREFLIGHT_REFUSED_ORIGIN(Policies.TYPICAL, "OPTIONS", false, true, "Origin", "https://evil.example.net",
            "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "content-type,x-requested-with"),

    /**
     * 4b. A simple cross-origin request from an origin that is not allowed: a script's {@code POST} of text, with
     * what a browser adds ({@code Sec-Fetch-Site: cross-site}). Refused with 403 before the application runs
     * (cross-origin protection); Spring's filters refuse it too.
     */
    ACTUAL_REFUSED_ORIGIN(Policies.TYPICAL, "POST", false, true, "Origin", "https://evil.example.net",
            "Content-Type", "text/plain;charset=UTF-8", "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "cors"),

    /** 5a. An allowed actual request, one origin configured. */
    ACTUAL_1_ORIGIN(Policies.ORIGINS_1, "GET", true, false, "Origin", Policies.numberedOrigin(0)),

    /** 5b. An allowed actual request, 100 origins configured; the request's is in the middle of the list. */
    ACTUAL_100_ORIGINS(Policies.ORIGINS_100, "GET", true, false, "Origin", Policies.numberedOrigin(50)),

    /** 5c. An allowed actual request, 10,000 origins configured; the request's is in the middle of the list. */
    ACTUAL_10000_ORIGINS(Policies.ORIGINS_10000, "GET", true, false, "Origin", Policies.numberedOrigin(5000)),

    /** 5d. An allowed actual request, 100 subdomain wildcards configured; the 51st matches. */
    ACTUAL_100_PATTERNS(Policies.PATTERNS_100, "GET", true, false, "Origin", "https://app.tenant050.example.com"),

    /** 6a. A hostile preflight: 1,024 commas in {@code Access-Control-Request-Headers}. */
    PREFLIGHT_1024_COMMAS(Policies.TYPICAL, "OPTIONS", false, true, "Origin", "https://app.example.com",
            "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", ",".repeat(1024)),

    /** 6b. A hostile preflight: 1,000 distinct names in {@code Access-Control-Request-Headers}. */
    PREFLIGHT_1000_NAMES(Policies.TYPICAL, "OPTIONS", false, true, "Origin", "https://app.example.com",
            "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", manyNames(1000));

    /** The path every request goes to. */
    public static final String PATH = "/api/items";

    private final Policies policy;

    private final String method;

    private final boolean allowed;

    private final boolean answered;

    private final List<String[]> headers;

    Scenario(Policies policy, String method, boolean allowed, boolean answered, String... corsHeaders) {
        this.policy = policy;
        this.method = method;
        this.allowed = allowed;
        this.answered = answered;
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] { "Host", "api.example.com" });
        headers.add(new String[] { "Accept", "application/json" });
        headers.add(new String[] { "User-Agent",
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0 Safari/537.36" });
        for (int i = 0; i < corsHeaders.length; i += 2) {
            headers.add(new String[] { corsHeaders[i], corsHeaders[i + 1] });
        }
        this.headers = List.copyOf(headers);
    }

    Policies policy() {
        return this.policy;
    }

    public String method() {
        return this.method;
    }

    /** Whether this library allows the request (Spring may differ on the hostile ones). */
    boolean allowed() {
        return this.allowed;
    }

    /** Whether this library answers the request itself (a preflight, a refused request) instead of passing it on. */
    boolean answered() {
        return this.answered;
    }

    /** The request headers, each a name and a value, in order. */
    public List<String[]> headers() {
        return this.headers;
    }

    private static String manyNames(int count) {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < count; i++) {
            names.append((i > 0) ? "," : "").append(String.format(Locale.ROOT, "x-h%03d", i));
        }
        return names.toString();
    }

}
