package dev.fetchcors.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * CORS settings under {@code app.cors}: the default policy, and named per-path policies that override parts of
 * it.
 *
 * <pre>
 * app.cors.allowed-origins=https://app.example.com,https://*.example.org
 * app.cors.allowed-methods=PUT,DELETE
 * app.cors.allow-credentials=true
 * app.cors.policies[0].name=public
 * app.cors.policies[0].path-patterns=/public/**
 * app.cors.policies[0].allowed-origins=*
 * app.cors.policies[0].allow-credentials=false
 * </pre>
 */
@ConfigurationProperties("app.cors")
public class CorsProperties {

    /**
     * Whether to enable CORS handling by the starter.
     */
    private boolean enabled = true;

    /**
     * Comma-separated list of origins allowed to read responses: exact origins such as
     * 'https://app.example.com', subdomain patterns such as 'https://*.example.com', port patterns such as
     * 'http://localhost:*', or '*' for any origin. Without any, no filter is registered.
     */
    private List<String> allowedOrigins = new ArrayList<>();

    /**
     * Comma-separated list of methods allowed in preflights, or '*'. GET, HEAD and POST are always allowed.
     */
    private List<String> allowedMethods = new ArrayList<>();

    /**
     * Comma-separated list of request headers allowed in preflights, or '*'. '*' never covers Authorization.
     */
    private List<String> allowedHeaders = new ArrayList<>();

    /**
     * Comma-separated list of response headers that scripts may read, or '*' (not with credentials).
     */
    private List<String> exposedHeaders = new ArrayList<>();

    /**
     * Whether credentialed requests (cookies, HTTP authentication, client certificates) may read responses.
     */
    private boolean allowCredentials;

    /**
     * Whether to allow private network access preflights from public sites.
     */
    private boolean allowPrivateNetwork;

    /**
     * How long browsers may cache a preflight's answer, at most 24 hours. If a duration suffix is not specified,
     * seconds will be used. When not set, no Access-Control-Max-Age is sent.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private @Nullable Duration maxAge;

    /**
     * Status of the response to an allowed preflight: 204, or 200 for old clients.
     */
    private int preflightStatus = 204;

    /**
     * Whether allowed preflights are passed on to the application, with CORS headers, instead of being answered.
     */
    private boolean preflightPassthrough;

    /**
     * Whether to accept origin patterns over a public suffix, such as 'https://*.github.io', which let any
     * registrant under that suffix read responses.
     */
    private boolean dangerouslyAllowPublicSuffixWildcards;

    /**
     * Whether to accept non-loopback 'http://' origins together with credentials, which anyone on the network
     * path can impersonate.
     */
    private boolean dangerouslyAllowInsecureOriginsWithCredentials;

    /**
     * Per-path policies, tried in order; the first whose path patterns match the request applies, and requests
     * matching none use the settings above. Settings a policy leaves unset are inherited from the settings above.
     */
    private List<Policy> policies = new ArrayList<>();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getAllowedOrigins() {
        return this.allowedOrigins;
    }

    public void setAllowedOrigins(List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }

    public List<String> getAllowedMethods() {
        return this.allowedMethods;
    }

    public void setAllowedMethods(List<String> allowedMethods) {
        this.allowedMethods = allowedMethods;
    }

    public List<String> getAllowedHeaders() {
        return this.allowedHeaders;
    }

    public void setAllowedHeaders(List<String> allowedHeaders) {
        this.allowedHeaders = allowedHeaders;
    }

    public List<String> getExposedHeaders() {
        return this.exposedHeaders;
    }

    public void setExposedHeaders(List<String> exposedHeaders) {
        this.exposedHeaders = exposedHeaders;
    }

    public boolean isAllowCredentials() {
        return this.allowCredentials;
    }

    public void setAllowCredentials(boolean allowCredentials) {
        this.allowCredentials = allowCredentials;
    }

    public boolean isAllowPrivateNetwork() {
        return this.allowPrivateNetwork;
    }

    public void setAllowPrivateNetwork(boolean allowPrivateNetwork) {
        this.allowPrivateNetwork = allowPrivateNetwork;
    }

    public @Nullable Duration getMaxAge() {
        return this.maxAge;
    }

    public void setMaxAge(@Nullable Duration maxAge) {
        this.maxAge = maxAge;
    }

    public int getPreflightStatus() {
        return this.preflightStatus;
    }

    public void setPreflightStatus(int preflightStatus) {
        this.preflightStatus = preflightStatus;
    }

    public boolean isPreflightPassthrough() {
        return this.preflightPassthrough;
    }

    public void setPreflightPassthrough(boolean preflightPassthrough) {
        this.preflightPassthrough = preflightPassthrough;
    }

    public boolean isDangerouslyAllowPublicSuffixWildcards() {
        return this.dangerouslyAllowPublicSuffixWildcards;
    }

    public void setDangerouslyAllowPublicSuffixWildcards(boolean dangerouslyAllowPublicSuffixWildcards) {
        this.dangerouslyAllowPublicSuffixWildcards = dangerouslyAllowPublicSuffixWildcards;
    }

    public boolean isDangerouslyAllowInsecureOriginsWithCredentials() {
        return this.dangerouslyAllowInsecureOriginsWithCredentials;
    }

    public void setDangerouslyAllowInsecureOriginsWithCredentials(
            boolean dangerouslyAllowInsecureOriginsWithCredentials) {
        this.dangerouslyAllowInsecureOriginsWithCredentials = dangerouslyAllowInsecureOriginsWithCredentials;
    }

    public List<Policy> getPolicies() {
        return this.policies;
    }

    public void setPolicies(List<Policy> policies) {
        this.policies = policies;
    }

    /**
     * A named policy for some paths. Every setting left unset is inherited from the default policy.
     */
    public static class Policy {

        /**
         * Name of the policy, for logs and customizers.
         */
        private @Nullable String name;

        /**
         * Comma-separated list of path patterns, such as '/api/**', that select this policy.
         */
        private List<String> pathPatterns = new ArrayList<>();

        /**
         * Comma-separated list of origins allowed to read responses, or '*'. Inherited when not set.
         */
        private @Nullable List<String> allowedOrigins;

        /**
         * Comma-separated list of methods allowed in preflights, or '*'. Inherited when not set.
         */
        private @Nullable List<String> allowedMethods;

        /**
         * Comma-separated list of request headers allowed in preflights, or '*'. Inherited when not set.
         */
        private @Nullable List<String> allowedHeaders;

        /**
         * Comma-separated list of response headers that scripts may read, or '*'. Inherited when not set.
         */
        private @Nullable List<String> exposedHeaders;

        /**
         * Whether credentialed requests may read responses. Inherited when not set.
         */
        private @Nullable Boolean allowCredentials;

        /**
         * Whether to allow private network access preflights. Inherited when not set.
         */
        private @Nullable Boolean allowPrivateNetwork;

        /**
         * How long browsers may cache a preflight's answer. If a duration suffix is not specified, seconds will
         * be used. Inherited when not set.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private @Nullable Duration maxAge;

        /**
         * Status of the response to an allowed preflight: 204 or 200. Inherited when not set.
         */
        private @Nullable Integer preflightStatus;

        /**
         * Whether allowed preflights are passed on to the application. Inherited when not set.
         */
        private @Nullable Boolean preflightPassthrough;

        /**
         * Whether to accept origin patterns over a public suffix. Inherited when not set.
         */
        private @Nullable Boolean dangerouslyAllowPublicSuffixWildcards;

        /**
         * Whether to accept non-loopback 'http://' origins together with credentials. Inherited when not set.
         */
        private @Nullable Boolean dangerouslyAllowInsecureOriginsWithCredentials;

        public @Nullable String getName() {
            return this.name;
        }

        public void setName(@Nullable String name) {
            this.name = name;
        }

        public List<String> getPathPatterns() {
            return this.pathPatterns;
        }

        public void setPathPatterns(List<String> pathPatterns) {
            this.pathPatterns = pathPatterns;
        }

        public @Nullable List<String> getAllowedOrigins() {
            return this.allowedOrigins;
        }

        public void setAllowedOrigins(@Nullable List<String> allowedOrigins) {
            this.allowedOrigins = allowedOrigins;
        }

        public @Nullable List<String> getAllowedMethods() {
            return this.allowedMethods;
        }

        public void setAllowedMethods(@Nullable List<String> allowedMethods) {
            this.allowedMethods = allowedMethods;
        }

        public @Nullable List<String> getAllowedHeaders() {
            return this.allowedHeaders;
        }

        public void setAllowedHeaders(@Nullable List<String> allowedHeaders) {
            this.allowedHeaders = allowedHeaders;
        }

        public @Nullable List<String> getExposedHeaders() {
            return this.exposedHeaders;
        }

        public void setExposedHeaders(@Nullable List<String> exposedHeaders) {
            this.exposedHeaders = exposedHeaders;
        }

        public @Nullable Boolean getAllowCredentials() {
            return this.allowCredentials;
        }

        public void setAllowCredentials(@Nullable Boolean allowCredentials) {
            this.allowCredentials = allowCredentials;
        }

        public @Nullable Boolean getAllowPrivateNetwork() {
            return this.allowPrivateNetwork;
        }

        public void setAllowPrivateNetwork(@Nullable Boolean allowPrivateNetwork) {
            this.allowPrivateNetwork = allowPrivateNetwork;
        }

        public @Nullable Duration getMaxAge() {
            return this.maxAge;
        }

        public void setMaxAge(@Nullable Duration maxAge) {
            this.maxAge = maxAge;
        }

        public @Nullable Integer getPreflightStatus() {
            return this.preflightStatus;
        }

        public void setPreflightStatus(@Nullable Integer preflightStatus) {
            this.preflightStatus = preflightStatus;
        }

        public @Nullable Boolean getPreflightPassthrough() {
            return this.preflightPassthrough;
        }

        public void setPreflightPassthrough(@Nullable Boolean preflightPassthrough) {
            this.preflightPassthrough = preflightPassthrough;
        }

        public @Nullable Boolean getDangerouslyAllowPublicSuffixWildcards() {
            return this.dangerouslyAllowPublicSuffixWildcards;
        }

        public void setDangerouslyAllowPublicSuffixWildcards(@Nullable Boolean dangerouslyAllowPublicSuffixWildcards) {
            this.dangerouslyAllowPublicSuffixWildcards = dangerouslyAllowPublicSuffixWildcards;
        }

        public @Nullable Boolean getDangerouslyAllowInsecureOriginsWithCredentials() {
            return this.dangerouslyAllowInsecureOriginsWithCredentials;
        }

        public void setDangerouslyAllowInsecureOriginsWithCredentials(
                @Nullable Boolean dangerouslyAllowInsecureOriginsWithCredentials) {
            this.dangerouslyAllowInsecureOriginsWithCredentials = dangerouslyAllowInsecureOriginsWithCredentials;
        }

    }

}
