package dev.fetchcors.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.fetchcors.core.CorsConfig;
import dev.fetchcors.core.CorsPolicy;

import org.springframework.web.cors.CorsConfiguration;

/**
 * The policies under test, each written once for this library and once for Spring's {@link CorsConfiguration},
 * with the same rules, so that both sides of every comparison do the same job.
 */
public enum Policies {

    /** A typical API: two exact origins and one subdomain wildcard, credentials, one exposed header, max-age. */
    TYPICAL(List.of("https://app.example.com", "https://admin.example.com"), List.of("https://*.example.org")),

    /** One configured origin. */
    ORIGINS_1(numberedOrigins(1), List.of()),

    /** A hundred configured origins. */
    ORIGINS_100(numberedOrigins(100), List.of()),

    /** Ten thousand configured origins. */
    ORIGINS_10000(numberedOrigins(10_000), List.of()),

    /** A hundred subdomain wildcards, one per tenant. */
    PATTERNS_100(List.of(), tenantPatterns(100));

    static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH");

    static final List<String> HEADERS = List.of("Content-Type", "Authorization", "X-Requested-With");

    static final List<String> EXPOSED = List.of("X-Request-Id");

    static final Duration MAX_AGE = Duration.ofHours(1);

    private final List<String> exactOrigins;

    private final List<String> patterns;

    Policies(List<String> exactOrigins, List<String> patterns) {
        this.exactOrigins = exactOrigins;
        this.patterns = patterns;
    }

    /** This library's policy, as the starter compiles it (WebSocket handshakes judged by origin). */
    public CorsPolicy fetchCors() {
        return fetchCors(true);
    }

    /**
     * This library's policy, with or without the WebSocket support: the same answers to every request that is not a
     * handshake, so comparing the two shows what that support costs the others.
     */
    public CorsPolicy fetchCors(boolean webSocketHandshakes) {
        List<String> origins = new ArrayList<>(this.exactOrigins);
        origins.addAll(this.patterns);
        return CorsPolicy.compile(CorsConfig.builder()
            .allowedOrigins(origins)
            .allowedMethods(METHODS)
            .allowedHeaders(HEADERS)
            .exposedHeaders(EXPOSED)
            .allowCredentials(true)
            .maxAge(MAX_AGE)
            .webSocketHandshakes(webSocketHandshakes)
            .build());
    }

    /** The same rules for Spring: exact origins as allowed origins, wildcards as allowed origin patterns. */
    public CorsConfiguration spring() {
        CorsConfiguration config = new CorsConfiguration();
        config.setAllowedOrigins(this.exactOrigins.isEmpty() ? null : this.exactOrigins);
        config.setAllowedOriginPatterns(this.patterns.isEmpty() ? null : this.patterns);
        config.setAllowedMethods(METHODS);
        config.setAllowedHeaders(HEADERS);
        config.setExposedHeaders(EXPOSED);
        config.setAllowCredentials(true);
        config.setMaxAge(MAX_AGE);
        return config;
    }

    /** {@code https://app0000.example.com} and so on. */
    static String numberedOrigin(int i) {
        return String.format(Locale.ROOT, "https://app%04d.example.com", i);
    }

    private static List<String> numberedOrigins(int count) {
        List<String> origins = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            origins.add(numberedOrigin(i));
        }
        return origins;
    }

    private static List<String> tenantPatterns(int count) {
        List<String> patterns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            patterns.add(String.format(Locale.ROOT, "https://*.tenant%03d.example.com", i));
        }
        return patterns;
    }

}
