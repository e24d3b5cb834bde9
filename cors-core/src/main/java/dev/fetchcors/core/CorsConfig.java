package dev.fetchcors.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A plain, immutable CORS configuration, as a person writes it. Nothing is checked here: {@link CorsPolicy#compile}
 * validates it (reporting every problem at once) and compiles it into a fast, immutable policy.
 *
 * <pre>{@code
 * CorsConfig config = CorsConfig.builder()
 *         .allowedOrigins("https://app.example.com", "https://*.example.org", "http://localhost:*")
 *         .allowedMethods("GET", "PUT", "DELETE")
 *         .allowedHeaders("Content-Type", "X-Request-Id")
 *         .exposedHeaders("X-Total-Count")
 *         .allowCredentials(true)
 *         .maxAge(Duration.ofHours(1))
 *         .build();
 * CorsPolicy policy = CorsPolicy.compile(config);
 * }</pre>
 *
 * <p>Each setting goes by one property-like name, the kebab-case name of its builder method, declared once in
 * {@link Setting}: validation messages, {@link #settings()} and the Spring Boot starter's properties all use it.
 */
public final class CorsConfig {

    private final List<String> allowedOrigins;

    private final List<String> allowedMethods;

    private final List<String> allowedHeaders;

    private final List<String> exposedHeaders;

    private final List<String> sendOnlyOrigins;

    private final boolean crossOriginProtection;

    private final boolean allowCredentials;

    private final boolean allowPrivateNetwork;

    private final Duration maxAge;

    private final int preflightStatus;

    private final boolean preflightPassthrough;

    private final boolean dangerouslyAllowPublicSuffixWildcards;

    private final boolean dangerouslyAllowInsecureOriginsWithCredentials;

    private final boolean dangerouslyAllowPrivateNetworkFromAnyOrigin;

    private final boolean webSocketHandshakes;

    private final OriginCheck originCheck;

    private final Mode mode;

    private final CorsConfig candidate;

    private CorsConfig(Builder builder) {
        this.allowedOrigins = Collections.unmodifiableList(new ArrayList<>(builder.allowedOrigins));
        this.allowedMethods = Collections.unmodifiableList(new ArrayList<>(builder.allowedMethods));
        this.allowedHeaders = Collections.unmodifiableList(new ArrayList<>(builder.allowedHeaders));
        this.exposedHeaders = Collections.unmodifiableList(new ArrayList<>(builder.exposedHeaders));
        this.sendOnlyOrigins = Collections.unmodifiableList(new ArrayList<>(builder.sendOnlyOrigins));
        this.crossOriginProtection = builder.crossOriginProtection;
        this.allowCredentials = builder.allowCredentials;
        this.allowPrivateNetwork = builder.allowPrivateNetwork;
        this.maxAge = builder.maxAge;
        this.preflightStatus = builder.preflightStatus;
        this.preflightPassthrough = builder.preflightPassthrough;
        this.dangerouslyAllowPublicSuffixWildcards = builder.dangerouslyAllowPublicSuffixWildcards;
        this.dangerouslyAllowInsecureOriginsWithCredentials = builder.dangerouslyAllowInsecureOriginsWithCredentials;
        this.dangerouslyAllowPrivateNetworkFromAnyOrigin = builder.dangerouslyAllowPrivateNetworkFromAnyOrigin;
        this.webSocketHandshakes = builder.webSocketHandshakes;
        this.originCheck = builder.originCheck;
        this.mode = builder.mode;
        this.candidate = builder.candidate;
    }

    /**
     * A builder with the defaults: nothing allowed, no credentials, no max age, preflights answered with 204,
     * WebSocket handshakes judged by the allowed origins, refused cross-origin requests refused with 403.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this configuration, for customizing it. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.allowedOrigins.addAll(this.allowedOrigins);
        builder.allowedMethods.addAll(this.allowedMethods);
        builder.allowedHeaders.addAll(this.allowedHeaders);
        builder.exposedHeaders.addAll(this.exposedHeaders);
        builder.sendOnlyOrigins.addAll(this.sendOnlyOrigins);
        builder.crossOriginProtection = this.crossOriginProtection;
        builder.allowCredentials = this.allowCredentials;
        builder.allowPrivateNetwork = this.allowPrivateNetwork;
        builder.maxAge = this.maxAge;
        builder.preflightStatus = this.preflightStatus;
        builder.preflightPassthrough = this.preflightPassthrough;
        builder.dangerouslyAllowPublicSuffixWildcards = this.dangerouslyAllowPublicSuffixWildcards;
        builder.dangerouslyAllowInsecureOriginsWithCredentials = this.dangerouslyAllowInsecureOriginsWithCredentials;
        builder.dangerouslyAllowPrivateNetworkFromAnyOrigin = this.dangerouslyAllowPrivateNetworkFromAnyOrigin;
        builder.webSocketHandshakes = this.webSocketHandshakes;
        builder.originCheck = this.originCheck;
        builder.mode = this.mode;
        builder.candidate = this.candidate;
        return builder;
    }

    /** Exact origins, patterns ({@code https://*.example.com}, {@code https://example.com:*}) or {@code *}. */
    public List<String> allowedOrigins() {
        return this.allowedOrigins;
    }

    /** Method tokens allowed in preflights, or {@code *}; GET, HEAD and POST are always allowed. */
    public List<String> allowedMethods() {
        return this.allowedMethods;
    }

    /** Request header names allowed in preflights, or {@code *}. */
    public List<String> allowedHeaders() {
        return this.allowedHeaders;
    }

    /** Response header names that scripts may read, or {@code *}. */
    public List<String> exposedHeaders() {
        return this.exposedHeaders;
    }

    /**
     * Origins whose requests run although they may not read the answers (exact origins or patterns, as
     * {@link #allowedOrigins()} takes them; never {@code *}): an identity provider's {@code form_post} callback, a
     * payment page posting back. Their requests get no CORS headers and are never refused with 403.
     */
    public List<String> sendOnlyOrigins() {
        return this.sendOnlyOrigins;
    }

    /**
     * Whether a cross-origin request the policy refuses is refused with 403 before the application runs (the
     * default), as Spring's own CORS filters do: its {@code Origin} is not allowed (nor a send-only origin) and is
     * not the application's own, or it has no {@code Origin} but {@code Sec-Fetch-Site: cross-site} or
     * {@code same-site} and an unsafe method. {@code false} passes such requests on without CORS headers, as
     * before: the browser hides the answer, but the application does the work.
     */
    public boolean crossOriginProtection() {
        return this.crossOriginProtection;
    }

    /** Whether credentialed requests (cookies, HTTP authentication, client certificates) may read responses. */
    public boolean allowCredentials() {
        return this.allowCredentials;
    }

    /** Whether preflights asking for private network access get {@code Access-Control-Allow-Private-Network}. */
    public boolean allowPrivateNetwork() {
        return this.allowPrivateNetwork;
    }

    /** How long browsers may cache a preflight's answer, or {@code null} to send no {@code Access-Control-Max-Age}. */
    public Duration maxAge() {
        return this.maxAge;
    }

    /** The status of an allowed preflight's response: 204 by default, 200 for old clients. */
    public int preflightStatus() {
        return this.preflightStatus;
    }

    /** Whether allowed preflights are passed on to the application (with CORS headers) instead of answered. */
    public boolean preflightPassthrough() {
        return this.preflightPassthrough;
    }

    /** Whether origin wildcards over a public suffix ({@code https://*.github.io}) are accepted. Dangerous. */
    public boolean dangerouslyAllowPublicSuffixWildcards() {
        return this.dangerouslyAllowPublicSuffixWildcards;
    }

    /** Whether non-loopback {@code http://} origins are accepted together with credentials. Dangerous. */
    public boolean dangerouslyAllowInsecureOriginsWithCredentials() {
        return this.dangerouslyAllowInsecureOriginsWithCredentials;
    }

    /** Whether {@code *} origins are accepted together with private network access. Dangerous. */
    public boolean dangerouslyAllowPrivateNetworkFromAnyOrigin() {
        return this.dangerouslyAllowPrivateNetworkFromAnyOrigin;
    }

    /**
     * Whether WebSocket handshakes ({@code GET} with {@code Upgrade: websocket}) are judged by the allowed origins,
     * a refused origin getting 403 before the application runs.
     */
    public boolean webSocketHandshakes() {
        return this.webSocketHandshakes;
    }

    /** The dynamic origin check consulted for origins that {@link #allowedOrigins()} do not allow, or {@code null}. */
    public OriginCheck originCheck() {
        return this.originCheck;
    }

    /**
     * Whether the policy is enforced (the default) or only compared with the answers the application sends itself
     * ({@link Mode#SHADOW}).
     */
    public Mode mode() {
        return this.mode;
    }

    /**
     * A candidate for this configuration, evaluated beside it on every request and compared with it, never applied:
     * how a team tightens a policy with evidence. {@code null} when there is none.
     */
    public CorsConfig candidate() {
        return this.candidate;
    }

    /**
     * Every setting under its property-like name ({@code allowed-origins}, {@code max-age}, ...), in the order of
     * the builder, as a person would write it: lists as lists, {@code max-age} in seconds (absent when not set),
     * {@code origin-check} as the class name of the check (absent when there is none).
     *
     * @return a new, unmodifiable map
     */
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (Setting setting : Setting.values()) {
            Object value = switch (setting) {
                case ALLOWED_ORIGINS -> this.allowedOrigins;
                case ALLOWED_METHODS -> this.allowedMethods;
                case ALLOWED_HEADERS -> this.allowedHeaders;
                case EXPOSED_HEADERS -> this.exposedHeaders;
                case SEND_ONLY_ORIGINS -> this.sendOnlyOrigins;
                case CROSS_ORIGIN_PROTECTION -> this.crossOriginProtection;
                case ALLOW_CREDENTIALS -> this.allowCredentials;
                case ALLOW_PRIVATE_NETWORK -> this.allowPrivateNetwork;
                case MAX_AGE -> (this.maxAge != null) ? this.maxAge.getSeconds() : null;
                case PREFLIGHT_STATUS -> this.preflightStatus;
                case PREFLIGHT_PASSTHROUGH -> this.preflightPassthrough;
                case DANGEROUSLY_ALLOW_PUBLIC_SUFFIX_WILDCARDS -> this.dangerouslyAllowPublicSuffixWildcards;
                case DANGEROUSLY_ALLOW_INSECURE_ORIGINS_WITH_CREDENTIALS ->
                    this.dangerouslyAllowInsecureOriginsWithCredentials;
                case DANGEROUSLY_ALLOW_PRIVATE_NETWORK_FROM_ANY_ORIGIN ->
                    this.dangerouslyAllowPrivateNetworkFromAnyOrigin;
                case WEBSOCKET_HANDSHAKES -> this.webSocketHandshakes;
                case ORIGIN_CHECK -> (this.originCheck != null) ? this.originCheck.getClass().getName() : null;
                case MODE -> this.mode.name().toLowerCase(Locale.ROOT);
                case CANDIDATE -> (this.candidate != null) ? this.candidate.settings() : null;
            };
            if (value != null) {
                settings.put(setting.key(), value);
            }
        }
        return Collections.unmodifiableMap(settings);

    }

    @Override
    public boolean equals(Object other) {
        return this == other || (other instanceof CorsConfig that && settings().equals(that.settings())
                && Objects.equals(this.originCheck, that.originCheck));
    }

    @Override
    public int hashCode() {
        return settings().hashCode();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("CorsConfig[");
        settings().forEach((name, value) -> text.append((text.length() > 11) ? ", " : "").append(name).append('=')
            .append(value));
        return text.append(']').toString();
    }

    /**
     * Builds a {@link CorsConfig}. List setters replace the list; {@code add…} methods append. Not thread-safe.
     */
    public static final class Builder {

        private final List<String> allowedOrigins = new ArrayList<>();

        private final List<String> allowedMethods = new ArrayList<>();

        private final List<String> allowedHeaders = new ArrayList<>();

        private final List<String> exposedHeaders = new ArrayList<>();

        private final List<String> sendOnlyOrigins = new ArrayList<>();

        private boolean crossOriginProtection = true;

        private boolean allowCredentials;

        private boolean allowPrivateNetwork;

        private Duration maxAge;

        private int preflightStatus = 204;

        private boolean preflightPassthrough;

        private boolean dangerouslyAllowPublicSuffixWildcards;

        private boolean dangerouslyAllowInsecureOriginsWithCredentials;

        private boolean dangerouslyAllowPrivateNetworkFromAnyOrigin;

        private boolean webSocketHandshakes = true;

        private OriginCheck originCheck;

        private Mode mode = Mode.ENFORCE;

        private CorsConfig candidate;

        private Builder() {
        }

        /** Replaces the allowed origins: exact origins, patterns, or {@code *}. */
        public Builder allowedOrigins(String... origins) {
            return allowedOrigins(Arrays.asList(origins));
        }

        /** Replaces the allowed origins: exact origins, patterns, or {@code *}. */
        public Builder allowedOrigins(Collection<String> origins) {
            return replace(this.allowedOrigins, origins);
        }

        /** Appends allowed origins. */
        public Builder addAllowedOrigins(String... origins) {
            return append(this.allowedOrigins, origins);
        }

        /** Replaces the allowed methods: method tokens or {@code *}. */
        public Builder allowedMethods(String... methods) {
            return allowedMethods(Arrays.asList(methods));
        }

        /** Replaces the allowed methods: method tokens or {@code *}. */
        public Builder allowedMethods(Collection<String> methods) {
            return replace(this.allowedMethods, methods);
        }

        /** Appends allowed methods. */
        public Builder addAllowedMethods(String... methods) {
            return append(this.allowedMethods, methods);
        }

        /** Replaces the allowed request headers: header names or {@code *}. */
        public Builder allowedHeaders(String... headers) {
            return allowedHeaders(Arrays.asList(headers));
        }

        /** Replaces the allowed request headers: header names or {@code *}. */
        public Builder allowedHeaders(Collection<String> headers) {
            return replace(this.allowedHeaders, headers);
        }

        /** Appends allowed request headers. */
        public Builder addAllowedHeaders(String... headers) {
            return append(this.allowedHeaders, headers);
        }

        /** Replaces the exposed response headers: header names or {@code *}. */
        public Builder exposedHeaders(String... headers) {
            return exposedHeaders(Arrays.asList(headers));
        }

        /** Replaces the exposed response headers: header names or {@code *}. */
        public Builder exposedHeaders(Collection<String> headers) {
            return replace(this.exposedHeaders, headers);
        }

        /** Appends exposed response headers. */
        public Builder addExposedHeaders(String... headers) {
            return append(this.exposedHeaders, headers);
        }

        /**
         * Replaces the send-only origins: origins whose requests run although they may not read the answers (exact
         * origins or patterns, never {@code *}).
         */
        public Builder sendOnlyOrigins(String... origins) {
            return sendOnlyOrigins(Arrays.asList(origins));
        }

        /** Replaces the send-only origins. */
        public Builder sendOnlyOrigins(Collection<String> origins) {
            return replace(this.sendOnlyOrigins, origins);
        }

        /** Appends send-only origins. */
        public Builder addSendOnlyOrigins(String... origins) {
            return append(this.sendOnlyOrigins, origins);
        }

        /**
         * Whether cross-origin requests the policy refuses are refused with 403 before the application runs (default
         * {@code true}); {@code false} passes them on without CORS headers.
         */
        public Builder crossOriginProtection(boolean crossOriginProtection) {
            this.crossOriginProtection = crossOriginProtection;
            return this;
        }

        /** Whether credentialed requests may read responses (default {@code false}). */
        public Builder allowCredentials(boolean allowCredentials) {
            this.allowCredentials = allowCredentials;
            return this;
        }

        /** Whether to answer private network access preflights (default {@code false}). */
        public Builder allowPrivateNetwork(boolean allowPrivateNetwork) {
            this.allowPrivateNetwork = allowPrivateNetwork;
            return this;
        }

        /** How long browsers may cache preflight answers; {@code null} (the default) sends no max age. */
        public Builder maxAge(Duration maxAge) {
            this.maxAge = maxAge;
            return this;
        }

        /** The status of allowed preflights' responses: 204 (the default) or 200. */
        public Builder preflightStatus(int preflightStatus) {
            this.preflightStatus = preflightStatus;
            return this;
        }

        /** Whether allowed preflights go on to the application instead of being answered (default {@code false}). */
        public Builder preflightPassthrough(boolean preflightPassthrough) {
            this.preflightPassthrough = preflightPassthrough;
            return this;
        }

        /**
         * Accepts origin wildcards over a public suffix such as {@code https://*.github.io}: any registrant
         * under that suffix could then read responses. Default {@code false}.
         */
        public Builder dangerouslyAllowPublicSuffixWildcards(boolean allow) {
            this.dangerouslyAllowPublicSuffixWildcards = allow;
            return this;
        }

        /**
         * Accepts non-loopback {@code http://} origins with credentials: anyone on the network path could then
         * impersonate them. Default {@code false}.
         */
        public Builder dangerouslyAllowInsecureOriginsWithCredentials(boolean allow) {
            this.dangerouslyAllowInsecureOriginsWithCredentials = allow;
            return this;
        }

        /**
         * Accepts {@code *} origins together with private network access: any public site could then reach the
         * private-network host that answers. Default {@code false}.
         */
        public Builder dangerouslyAllowPrivateNetworkFromAnyOrigin(boolean allow) {
            this.dangerouslyAllowPrivateNetworkFromAnyOrigin = allow;
            return this;
        }

        /**
         * Whether WebSocket handshakes are judged by the allowed origins (default {@code true}): browsers apply no
         * CORS to WebSocket, so without it any site can open a socket with the user's cookies.
         */
        public Builder webSocketHandshakes(boolean webSocketHandshakes) {
            this.webSocketHandshakes = webSocketHandshakes;
            return this;
        }

        /** A dynamic check for origins that the allowed origins do not list, or {@code null} for none. */
        public Builder originCheck(OriginCheck originCheck) {
            this.originCheck = originCheck;
            return this;
        }

        /**
         * Whether the policy is enforced (the default) or only compared with the application's own answers, writing
         * nothing ({@link Mode#SHADOW}).
         */
        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * A candidate configuration, compiled and evaluated beside this one, whose answers are compared with this
         * one's and never applied; {@code null} (the default) for none.
         */
        public Builder candidate(CorsConfig candidate) {
            this.candidate = candidate;
            return this;
        }

        /** The configuration, unchecked: see {@link CorsPolicy#compile(CorsConfig)}. */
        public CorsConfig build() {
            return new CorsConfig(this);
        }

        private Builder replace(List<String> target, Collection<String> values) {
            Objects.requireNonNull(values, "values");
            target.clear();
            target.addAll(values);
            return this;
        }

        private Builder append(List<String> target, String... values) {
            target.addAll(Arrays.asList(values));
            return this;
        }

    }

    /** Whether a policy is applied, or only compared with the answers the application sends itself. */
    public enum Mode {

        /** The policy's answers are written, its preflights answered, its refused handshakes refused. */
        ENFORCE,

        /**
         * Nothing is written, answered or refused, so that whatever CORS the application already has answers; the
         * policy's answers are compared with the ones actually sent, and the differences reported.
         */
        SHADOW

    }

    /**
     * Every setting of a configuration, under the property-like name it goes by everywhere: in validation messages
     * ({@link ConfigProblem#property()}), in {@link #settings()}, and under {@code app.cors.*} in the Spring Boot
     * starter. Declared in the order of the builder.
     */
    public enum Setting {

        /** {@link #allowedOrigins()}. */
        ALLOWED_ORIGINS("allowed-origins"),

        /** {@link #allowedMethods()}. */
        ALLOWED_METHODS("allowed-methods"),

        /** {@link #allowedHeaders()}. */
        ALLOWED_HEADERS("allowed-headers"),

        /** {@link #exposedHeaders()}. */
        EXPOSED_HEADERS("exposed-headers"),

        /** {@link #sendOnlyOrigins()}. */
        SEND_ONLY_ORIGINS("send-only-origins"),

        /** {@link #crossOriginProtection()}. */
        CROSS_ORIGIN_PROTECTION("cross-origin-protection"),

        /** {@link #allowCredentials()}. */
        ALLOW_CREDENTIALS("allow-credentials"),

        /** {@link #allowPrivateNetwork()}. */
        ALLOW_PRIVATE_NETWORK("allow-private-network"),

        /** {@link #maxAge()}, in seconds in {@link #settings()}. */
        MAX_AGE("max-age"),

        /** {@link #preflightStatus()}. */
        PREFLIGHT_STATUS("preflight-status"),

        /** {@link #preflightPassthrough()}. */
        PREFLIGHT_PASSTHROUGH("preflight-passthrough"),

        /** {@link #dangerouslyAllowPublicSuffixWildcards()}. */
        DANGEROUSLY_ALLOW_PUBLIC_SUFFIX_WILDCARDS("dangerously-allow-public-suffix-wildcards"),

        /** {@link #dangerouslyAllowInsecureOriginsWithCredentials()}. */
        DANGEROUSLY_ALLOW_INSECURE_ORIGINS_WITH_CREDENTIALS("dangerously-allow-insecure-origins-with-credentials"),

        /** {@link #dangerouslyAllowPrivateNetworkFromAnyOrigin()}. */
        DANGEROUSLY_ALLOW_PRIVATE_NETWORK_FROM_ANY_ORIGIN("dangerously-allow-private-network-from-any-origin"),

        /** {@link #webSocketHandshakes()}. */
        WEBSOCKET_HANDSHAKES("websocket-handshakes"),

        /** {@link #originCheck()}, as its class name in {@link #settings()}. */
        ORIGIN_CHECK("origin-check"),

        /** {@link #mode()}, as {@code enforce} or {@code shadow} in {@link #settings()}. */
        MODE("mode"),

        /** {@link #candidate()}, as its own settings in {@link #settings()}. */
        CANDIDATE("candidate");

        private final String key;

        Setting(String key) {
            this.key = key;
        }

        /** The property-like name, such as {@code allowed-origins}. */
        public String key() {
            return this.key;
        }

        /**
         * The name of one element of a list setting, such as {@code allowed-origins[2]}.
         *
         * @param index the element's index
         * @return the name
         */
        public String key(int index) {
            return this.key + "[" + index + "]";
        }

    }

}
