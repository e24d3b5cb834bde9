package dev.fetchcors.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;

import dev.fetchcors.core.CorsConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationUnit;

/**
 * The settings of one CORS policy, declared once for the default policy ({@code app.cors.*}) and for each per-path
 * policy ({@code app.cors.policies[n].*}). A setting left unset takes the engine's default at the top level and
 * is inherited from the top level in a per-path policy.
 */
public class CorsPolicyProperties {

    /**
     * Comma-separated list of origins allowed to read responses: exact origins such as
     * 'https://app.example.com', subdomain patterns such as 'https://*.example.com', port patterns such as
     * 'http://localhost:*', or '*' for any origin. Without any, no filter is registered.
     */
    private @Nullable List<String> allowedOrigins;

    /**
     * Comma-separated list of methods allowed in preflights, or '*'. GET, HEAD and POST are always allowed.
     */
    private @Nullable List<String> allowedMethods;

    /**
     * Comma-separated list of request headers allowed in preflights, or '*'. '*' never covers Authorization.
     */
    private @Nullable List<String> allowedHeaders;

    /**
     * Comma-separated list of response headers that scripts may read, or '*' (not with credentials).
     */
    private @Nullable List<String> exposedHeaders;

    /**
     * Comma-separated list of origins whose requests run although they may not read the answers, such as an
     * identity provider posting a form_post callback back, or a payment page: exact origins or patterns, as in
     * allowed-origins, never '*'. Their requests get no CORS headers and are never refused.
     */
    private @Nullable List<String> sendOnlyOrigins;

    /**
     * Whether a cross-origin request from an origin the policy refuses (and not a send-only origin) is refused with
     * 403 before the application runs, as Spring's own CORS filters refuse it; false passes it on without CORS
     * headers, so the application does its work although the browser hides the answer. Default true.
     */
    private @Nullable Boolean crossOriginProtection;

    /**
     * Whether credentialed requests (cookies, HTTP authentication, client certificates) may read responses.
     * Default false.
     */
    private @Nullable Boolean allowCredentials;

    /**
     * Whether to answer Private Network Access preflights (a legacy Chromium protocol) from allowed origins.
     * Default false.
     */
    private @Nullable Boolean allowPrivateNetwork;

    /**
     * How long browsers may cache a preflight's answer, at most 24 hours. If a duration suffix is not specified,
     * seconds will be used. When not set, no Access-Control-Max-Age is sent.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private @Nullable Duration maxAge;

    /**
     * Status of the response to an allowed preflight: 204, or 200 for old clients. Default 204.
     */
    private @Nullable Integer preflightStatus;

    /**
     * Whether allowed preflights are passed on to the application, with CORS headers, instead of being answered.
     * Default false.
     */
    private @Nullable Boolean preflightPassthrough;

    /**
     * Whether to accept origin patterns over a public suffix, such as 'https://*.github.io', which let any
     * registrant under that suffix read responses. Default false.
     */
    private @Nullable Boolean dangerouslyAllowPublicSuffixWildcards;

    /**
     * Whether to accept non-loopback 'http://' origins together with credentials, which anyone on the network
     * path can impersonate. Default false.
     */
    private @Nullable Boolean dangerouslyAllowInsecureOriginsWithCredentials;

    /**
     * Whether to accept '*' origins together with allow-private-network, which lets any public site reach this
     * private-network host. Default false.
     */
    private @Nullable Boolean dangerouslyAllowPrivateNetworkFromAnyOrigin;

    /**
     * Whether the policy is enforced, or only compared with the CORS the application already answers with: in
     * 'shadow' mode nothing is written, answered or refused, and every request where a browser would reach another
     * verdict on the policy's answer is reported (actuator 'cors' endpoint, metric 'cors.shadow.differences', one
     * WARN per difference). Default 'enforce'.
     */
    private CorsConfig.@Nullable Mode mode;

    /**
     * Sets on the builder every setting this object has, leaving the others as the builder has them: the one
     * place where a setting goes from properties to the engine, for the default policy and for inheritance alike.
     *
     * @param builder the configuration being built
     */
    public void applyTo(CorsConfig.Builder builder) {
        set(this.allowedOrigins, builder::allowedOrigins);
        set(this.allowedMethods, builder::allowedMethods);
        set(this.allowedHeaders, builder::allowedHeaders);
        set(this.exposedHeaders, builder::exposedHeaders);
        set(this.sendOnlyOrigins, builder::sendOnlyOrigins);
        set(this.crossOriginProtection, builder::crossOriginProtection);
        set(this.allowCredentials, builder::allowCredentials);
        set(this.allowPrivateNetwork, builder::allowPrivateNetwork);
        set(this.maxAge, builder::maxAge);
        set(this.preflightStatus, builder::preflightStatus);
        set(this.preflightPassthrough, builder::preflightPassthrough);
        set(this.dangerouslyAllowPublicSuffixWildcards, builder::dangerouslyAllowPublicSuffixWildcards);
        set(this.dangerouslyAllowInsecureOriginsWithCredentials,
                builder::dangerouslyAllowInsecureOriginsWithCredentials);
        set(this.dangerouslyAllowPrivateNetworkFromAnyOrigin, builder::dangerouslyAllowPrivateNetworkFromAnyOrigin);
        set(this.mode, builder::mode);
    }

    private static <T> void set(@Nullable T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
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

    public @Nullable List<String> getSendOnlyOrigins() {
        return this.sendOnlyOrigins;
    }

    public void setSendOnlyOrigins(@Nullable List<String> sendOnlyOrigins) {
        this.sendOnlyOrigins = sendOnlyOrigins;
    }

    public @Nullable Boolean getCrossOriginProtection() {
        return this.crossOriginProtection;
    }

    public void setCrossOriginProtection(@Nullable Boolean crossOriginProtection) {
        this.crossOriginProtection = crossOriginProtection;
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

    public @Nullable Boolean getDangerouslyAllowPrivateNetworkFromAnyOrigin() {
        return this.dangerouslyAllowPrivateNetworkFromAnyOrigin;
    }

    public void setDangerouslyAllowPrivateNetworkFromAnyOrigin(
            @Nullable Boolean dangerouslyAllowPrivateNetworkFromAnyOrigin) {
        this.dangerouslyAllowPrivateNetworkFromAnyOrigin = dangerouslyAllowPrivateNetworkFromAnyOrigin;
    }

    public CorsConfig.@Nullable Mode getMode() {
        return this.mode;
    }

    public void setMode(CorsConfig.@Nullable Mode mode) {
        this.mode = mode;
    }

}
