package dev.fetchcors.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.fetchcors.core.CorsConfig.Setting;
import dev.fetchcors.core.CorsConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.util.Assert;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Every policy the application applies, immutable: the default policy and the per-path policies in the order they
 * are tried. The first per-path policy with a matching pattern wins; a request that matches none gets the default
 * policy, or none at all when there is no default.
 *
 * <pre>{@code
 * CorsPolicies policies = CorsPolicies.of(NamedCorsPolicy.of("default", policy),
 *         List.of(NamedCorsPolicy.of("public", List.of("/public/**"), publicPolicy)));
 * policies.select(request.getPath().pathWithinApplication());
 * }</pre>
 *
 * <p>It is a {@link CorsPolicyResolver} itself, which reads the request's path only when a per-path policy could
 * match it.
 */
public final class CorsPolicies implements CorsPolicyResolver {

    private static final CorsPolicies NONE = new CorsPolicies(null, List.of());

    private final @Nullable NamedCorsPolicy defaultPolicy;

    private final List<NamedCorsPolicy> pathPolicies;

    /** Whether every policy is in shadow mode: read for every request no policy covers, so computed once. */
    private final boolean shadow;

    /** Whether any policy is in shadow mode or has a candidate: read for every request a witness sees. */
    private final boolean compared;

    private CorsPolicies(@Nullable NamedCorsPolicy defaultPolicy, List<NamedCorsPolicy> pathPolicies) {
        this.defaultPolicy = defaultPolicy;
        this.pathPolicies = List.copyOf(pathPolicies);
        this.shadow = allInShadowMode(defaultPolicy, this.pathPolicies);
        boolean compared = defaultPolicy != null && isCompared(defaultPolicy);
        for (NamedCorsPolicy pathPolicy : this.pathPolicies) {
            compared |= isCompared(pathPolicy);
        }
        this.compared = compared;
    }

    private static boolean isCompared(NamedCorsPolicy policy) {
        return policy.policy().config().mode() == CorsConfig.Mode.SHADOW || policy.policy().candidate() != null;
    }

    /**
     * The given policies.
     *
     * @param defaultPolicy the policy for requests that match no per-path policy, or {@code null} to leave those
     *        requests alone
     * @param pathPolicies the per-path policies, in the order they are tried, each with path patterns
     * @return the policies
     */
    public static CorsPolicies of(@Nullable NamedCorsPolicy defaultPolicy, List<NamedCorsPolicy> pathPolicies) {
        Assert.notNull(pathPolicies, "'pathPolicies' must not be null");
        for (NamedCorsPolicy pathPolicy : pathPolicies) {
            Assert.notEmpty(pathPolicy.pathPatterns(), () -> "Policy '" + pathPolicy.name() + "' has no path pattern");
        }
        return new CorsPolicies(defaultPolicy, pathPolicies);
    }

    /** No policy at all: every request is left alone. */
    public static CorsPolicies none() {
        return NONE;
    }

    /** The policy for requests that match no per-path policy, or {@code null} when those are left alone. */
    public @Nullable NamedCorsPolicy defaultPolicy() {
        return this.defaultPolicy;
    }

    /** The per-path policies, in the order they are tried. */
    public List<NamedCorsPolicy> pathPolicies() {
        return this.pathPolicies;
    }

    /** Whether any request can get a policy. */
    public boolean isEmpty() {
        return this.defaultPolicy == null && this.pathPolicies.isEmpty();
    }

    /**
     * Whether every policy is in shadow mode, so that the application's CORS is only compared, never applied: then
     * nothing of the starter's may refuse a request no policy covers either (a WebSocket handshake on such a path).
     * {@code false} when there is no policy.
     */
    public boolean isShadow() {
        return this.shadow;
    }

    /**
     * Whether any policy only compares, in shadow mode, or is compared with a candidate: what answers a request before
     * the starter's filter sees it is then watched too.
     */
    public boolean isCompared() {
        return this.compared;
    }

    private static boolean allInShadowMode(@Nullable NamedCorsPolicy defaultPolicy,
            List<NamedCorsPolicy> pathPolicies) {
        if (defaultPolicy == null && pathPolicies.isEmpty()) {
            return false;
        }
        if (defaultPolicy != null && defaultPolicy.policy().config().mode() != CorsConfig.Mode.SHADOW) {
            return false;
        }
        for (NamedCorsPolicy pathPolicy : pathPolicies) {
            if (pathPolicy.policy().config().mode() != CorsConfig.Mode.SHADOW) {
                return false;
            }
        }
        return true;
    }

    /**
     * The policy for a path: the first per-path policy whose patterns match it, else the default.
     *
     * @param pathWithinApplication the path as the framework routes on it, after the context path
     * @return the policy, or {@code null} when the request is to be left alone
     */
    public @Nullable NamedCorsPolicy select(PathContainer pathWithinApplication) {
        for (NamedCorsPolicy pathPolicy : this.pathPolicies) {
            if (pathPolicy.matches(pathWithinApplication)) {
                return pathPolicy;
            }
        }
        return this.defaultPolicy;
    }

    @Override
    public @Nullable NamedCorsPolicy resolve(ServerCorsRequest request) {
        return this.pathPolicies.isEmpty() ? this.defaultPolicy : select(request.path().pathWithinApplication());
    }

    @Override
    public CorsPolicies policies() {
        return this;
    }

    /**
     * One line per policy, with its origins, methods, headers, credentials and max age, for the startup log.
     */
    @Override
    public String toString() {
        List<String> lines = new ArrayList<>();
        lines.add((this.defaultPolicy != null) ? describe(this.defaultPolicy)
                : "default: none (requests outside the per-path policies are left alone)");
        for (NamedCorsPolicy pathPolicy : this.pathPolicies) {
            lines.add(describe(pathPolicy));
        }
        return String.join(System.lineSeparator(), lines);
    }

    private static String describe(NamedCorsPolicy named) {
        StringBuilder text = new StringBuilder(named.name());
        if (!named.pathPatterns().isEmpty()) {
            text.append(" for ").append(named.pathPatterns().stream().map(PathPattern::getPatternString).toList());
        }
        text.append(": ");
        CorsConfig config = named.policy().config();
        if (config.mode() == CorsConfig.Mode.SHADOW) {
            text.append("in shadow mode (compared with the application's own CORS, never applied), ");
        }
        describe(config.settings(), text);
        if (config.candidate() != null) {
            text.append("; candidate (compared, never applied): ");
            describe(config.candidate().settings(), text);
        }
        return text.toString();
    }

    /** The settings a reader looks for first, in this order; every other one follows under its own name. */
    private static final List<Setting> FIRST = List.of(Setting.ALLOWED_ORIGINS, Setting.ORIGIN_CHECK,
            Setting.ALLOWED_METHODS, Setting.ALLOWED_HEADERS, Setting.EXPOSED_HEADERS, Setting.ALLOW_CREDENTIALS,
            Setting.MAX_AGE);

    /** What a setting is when nobody set it: only the others are named. */
    private static final Map<String, Object> DEFAULTS = CorsConfig.builder().build().settings();

    private static void describe(Map<String, Object> settings, StringBuilder text) {
        text.append("origins ").append(abbreviate((List<?>) settings.get(Setting.ALLOWED_ORIGINS.key())));
        if (settings.containsKey(Setting.ORIGIN_CHECK.key())) {
            text.append(" and an origin check");
        }
        text.append(", methods ").append(settings.get(Setting.ALLOWED_METHODS.key()));
        text.append(", headers ").append(settings.get(Setting.ALLOWED_HEADERS.key()));
        List<?> exposed = (List<?>) settings.get(Setting.EXPOSED_HEADERS.key());
        if (!exposed.isEmpty()) {
            text.append(", exposed ").append(exposed);
        }
        text.append(Boolean.TRUE.equals(settings.get(Setting.ALLOW_CREDENTIALS.key())) ? ", credentials"
                : ", no credentials");
        Object maxAge = settings.get(Setting.MAX_AGE.key());
        text.append((maxAge != null) ? ", max-age " + maxAge + "s" : ", no max-age");
        for (Setting setting : Setting.values()) {
            // The mode and the candidate are said around this list, by the caller.
            if (FIRST.contains(setting) || setting == Setting.MODE || setting == Setting.CANDIDATE) {
                continue;
            }
            Object value = settings.get(setting.key());
            if (!Objects.equals(value, DEFAULTS.get(setting.key()))) {
                text.append(", ").append(setting.key()).append(' ').append(value);
            }
        }
    }

    private static String abbreviate(List<?> values) {
        if (values.size() <= 5) {
            return values.toString();
        }
        return values.subList(0, 5).toString().replace("]", ", and " + (values.size() - 5) + " more]");
    }

}
