package dev.fetchcors.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * CORS settings under {@code app.cors}: the default policy, named per-path policies that override parts of it,
 * and the gateway and WebSocket behaviour.
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
 *
 * <p>A key under {@code app.cors} that none of these names is refused at startup, so that a typo never leaves
 * CORS silently off.
 */
@ConfigurationProperties(CorsProperties.PREFIX)
public class CorsProperties extends CorsPolicyProperties {

    /** The prefix of every property. */
    public static final String PREFIX = "app.cors";

    /**
     * The response header that carries, with {@code app.cors.reason-header=true}, the policy's name and its reason
     * for refusing a request: what the test kit quotes in its failure messages.
     */
    public static final String REASON_HEADER = "X-Fetch-Cors-Reason";

    /**
     * Whether to enable CORS handling by the starter.
     */
    private boolean enabled = true;

    /**
     * Per-path policies, tried in order; the first whose path patterns match the request applies, and requests
     * matching none use the settings above. Settings a policy leaves unset are inherited from the settings above.
     */
    private List<Policy> policies = new ArrayList<>();

    /**
     * A candidate for the settings above, evaluated beside them on every request and reported where a browser
     * would reach another verdict on its answer, never applied: how a policy is tightened with evidence. Settings
     * it leaves unset are those of the policy it stands beside.
     */
    @NestedConfigurationProperty
    private @Nullable CorsPolicyProperties candidate;

    /**
     * Whether responses to refused CORS requests carry X-Fetch-Cors-Reason, the policy's name and reason: for tests
     * (the test kit turns it on in the Spring tests it runs in). Never in production, where it would tell any client
     * the policy.
     */
    private boolean reasonHeader;

    private final Gateway gateway = new Gateway();

    private final Shadow shadow = new Shadow();

    private final OriginSource originSource = new OriginSource();

    private final WebSocket websocket = new WebSocket();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isReasonHeader() {
        return this.reasonHeader;
    }

    public void setReasonHeader(boolean reasonHeader) {
        this.reasonHeader = reasonHeader;
    }

    public List<Policy> getPolicies() {
        return this.policies;
    }

    public void setPolicies(List<Policy> policies) {
        this.policies = policies;
    }

    public @Nullable CorsPolicyProperties getCandidate() {
        return this.candidate;
    }

    public void setCandidate(@Nullable CorsPolicyProperties candidate) {
        this.candidate = candidate;
    }

    public Gateway getGateway() {
        return this.gateway;
    }

    public Shadow getShadow() {
        return this.shadow;
    }

    public OriginSource getOriginSource() {
        return this.originSource;
    }

    public WebSocket getWebsocket() {
        return this.websocket;
    }

    /**
     * A named policy for some paths. Every setting left unset is inherited from the default policy.
     */
    public static class Policy extends CorsPolicyProperties {

        /**
         * Name of the policy, for logs, customizers and the actuator endpoint.
         */
        private @Nullable String name;

        /**
         * Comma-separated list of path patterns, such as '/api/**', that select this policy. They match the path
         * the application routes on, after the context path.
         */
        private List<String> pathPatterns = new ArrayList<>();

        /**
         * A candidate for this policy, evaluated beside it and reported, never applied. Settings it leaves unset
         * are this policy's; the top-level candidate is not inherited.
         */
        @NestedConfigurationProperty
        private @Nullable CorsPolicyProperties candidate;

        public @Nullable CorsPolicyProperties getCandidate() {
            return this.candidate;
        }

        public void setCandidate(@Nullable CorsPolicyProperties candidate) {
            this.candidate = candidate;
        }

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

    }

    /**
     * How the starter behaves in a Spring Cloud Gateway application.
     */
    public static class Gateway {

        /**
         * Whether the starter is the gateway's single CORS owner when the application is a Spring Cloud Gateway:
         * preflights answered at the edge, every CORS header from the services behind it removed.
         */
        private boolean enabled = true;

        /**
         * Whether Origin and the Access-Control-Request-* headers are forwarded to the services behind the
         * gateway. When false, services with CORS of their own cannot refuse what the gateway allowed.
         */
        private boolean forwardOrigin = true;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public boolean isForwardOrigin() {
            return this.forwardOrigin;
        }

        public void setForwardOrigin(boolean forwardOrigin) {
            this.forwardOrigin = forwardOrigin;
        }

    }

    /**
     * How the starter guards WebSocket handshakes.
     */
    public static class WebSocket {

        /**
         * Whether WebSocket handshakes are judged by the origin rules of the policy for their path: a refused
         * origin gets 403, an allowed one proceeds without any per-endpoint origin setting.
         */
        private boolean enabled = true;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

    }

    /**
     * How the differences found in shadow mode and by candidate policies are kept.
     */
    public static class Shadow {

        /**
         * How many distinct differences (policy, verdict, request kind, origin, method, aspect) are kept with
         * counts and an example, and logged once each; further ones are only counted, so that no traffic grows
         * memory or the log without limit.
         */
        private int maxDistinct = 1000;

        public int getMaxDistinct() {
            return this.maxDistinct;
        }

        public void setMaxDistinct(int maxDistinct) {
            this.maxDistinct = maxDistinct;
        }

    }

    /**
     * Allowed origins loaded from the application's database, beside the ones configured: the built-in JDBC origin
     * source, on the application's DataSource. Every CorsOriginSource bean is loaded on the same schedule.
     */
    public static class OriginSource {

        /**
         * SQL query whose first column holds one allowed origin per row (or origin pattern, with allow-patterns), such
         * as 'select origin from tenant_domain where active'. When set, the rows are loaded at startup and on every
         * refresh.
         */
        private @Nullable String query;

        /**
         * Name of the policy the loaded origins are added to: 'default' for the settings under app.cors, or the
         * name of a per-path policy.
         */
        private String policy = "default";

        /**
         * How often every origin source is loaded again. After a failure, the next attempts come sooner (from one
         * second, doubling) until one succeeds.
         */
        private Duration refresh = Duration.ofSeconds(30);

        /**
         * How long one load of a source may take, getting a database connection included, before it counts as failed
         * and the outage is reported; the last good origins stay in force. The JDBC source also sets it as the
         * query's timeout and the connection's network timeout, so that a stalled read ends.
         */
        private Duration timeout = Duration.ofSeconds(10);

        /**
         * Most entries one load of a source may return. A load with more is refused as a whole and reported, and
         * the last good origins stay in force; the JDBC source reads at most one row more than this.
         */
        private int maxRows = 100_000;

        /**
         * Whether a row may be an origin pattern such as 'https://*.customer.com', granting every subdomain (or port)
         * it covers. Only where the table's rows are the application's own, never where tenants supply them; '*' is
         * never accepted from a row.
         */
        private boolean allowPatterns;

        /**
         * Whether the application stops at startup when an origin source cannot be loaded. When false, it starts
         * with the configured origins alone and keeps trying.
         */
        private boolean failFast;

        public @Nullable String getQuery() {
            return this.query;
        }

        public void setQuery(@Nullable String query) {
            this.query = query;
        }

        public String getPolicy() {
            return this.policy;
        }

        public void setPolicy(String policy) {
            this.policy = policy;
        }

        public Duration getRefresh() {
            return this.refresh;
        }

        public void setRefresh(Duration refresh) {
            this.refresh = refresh;
        }

        public Duration getTimeout() {
            return this.timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public int getMaxRows() {
            return this.maxRows;
        }

        public void setMaxRows(int maxRows) {
            this.maxRows = maxRows;
        }

        public boolean isAllowPatterns() {
            return this.allowPatterns;
        }

        public void setAllowPatterns(boolean allowPatterns) {
            this.allowPatterns = allowPatterns;
        }

        public boolean isFailFast() {
            return this.failFast;
        }

        public void setFailFast(boolean failFast) {
            this.failFast = failFast;
        }

    }

}
