package dev.fetchcors.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.fetchcors.core.CorsPolicy;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.PathContainer;
import org.springframework.util.Assert;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * An immutable snapshot of every policy the application applies: the default policy and the named per-path
 * policies in the order they are tried. The first per-path policy with a matching path pattern wins; a request
 * that matches none gets the default policy.
 *
 * <pre>{@code
 * CorsPolicies policies = CorsPolicies.of(defaultPolicy, List.of(
 *         CorsPolicies.PathPolicy.of("public", List.of("/public/**"), publicPolicy)));
 * CorsPolicy policy = policies.policyFor("/public/logo.png");   // publicPolicy
 * }</pre>
 *
 * <p>Held by a {@link CorsPoliciesResolver}, which swaps the whole snapshot at once, so a request never sees half
 * of an update.
 */
public final class CorsPolicies {

    private static final CorsPolicies NONE = new CorsPolicies(null, List.of());

    private final @Nullable CorsPolicy defaultPolicy;

    private final List<PathPolicy> pathPolicies;

    private CorsPolicies(@Nullable CorsPolicy defaultPolicy, List<PathPolicy> pathPolicies) {
        this.defaultPolicy = defaultPolicy;
        this.pathPolicies = List.copyOf(pathPolicies);
    }

    /**
     * A snapshot of the given policies.
     *
     * @param defaultPolicy the policy for requests that match no per-path policy, or {@code null} to leave those
     *        requests alone
     * @param pathPolicies the per-path policies, in the order they are tried
     * @return the snapshot
     */
    public static CorsPolicies of(@Nullable CorsPolicy defaultPolicy, List<PathPolicy> pathPolicies) {
        Assert.notNull(pathPolicies, "'pathPolicies' must not be null");
        return new CorsPolicies(defaultPolicy, pathPolicies);
    }

    /** A snapshot without any policy: every request is left alone. */
    public static CorsPolicies none() {
        return NONE;
    }

    /** The policy for requests that match no per-path policy, or {@code null} when those are left alone. */
    public @Nullable CorsPolicy defaultPolicy() {
        return this.defaultPolicy;
    }

    /** The per-path policies, in the order they are tried. */
    public List<PathPolicy> pathPolicies() {
        return this.pathPolicies;
    }

    /** Whether no request gets any policy. */
    public boolean isEmpty() {
        return this.defaultPolicy == null && this.pathPolicies.isEmpty();
    }

    /**
     * The policy for a path: the first per-path policy whose patterns match it, else the default.
     *
     * @param path the path within the application, percent-encoded
     * @return the policy, or {@code null} when the request is to be left alone
     */
    public @Nullable CorsPolicy policyFor(String path) {
        if (this.pathPolicies.isEmpty()) {
            return this.defaultPolicy;
        }
        PathContainer container = PathContainer.parsePath(path);
        for (PathPolicy pathPolicy : this.pathPolicies) {
            if (pathPolicy.matches(container)) {
                return pathPolicy.policy();
            }
        }
        return this.defaultPolicy;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("default policy: ").append(describe(this.defaultPolicy));
        for (PathPolicy pathPolicy : this.pathPolicies) {
            text.append("; policy '")
                .append(pathPolicy.name())
                .append("' for ")
                .append(pathPolicy.pathPatterns())
                .append(": ")
                .append(describe(pathPolicy.policy()));
        }
        return text.toString();
    }

    private static String describe(@Nullable CorsPolicy policy) {
        if (policy == null) {
            return "none (requests are left alone)";
        }
        List<String> origins = policy.config().allowedOrigins();
        StringBuilder text = new StringBuilder();
        text.append(origins.size()).append((origins.size() == 1) ? " allowed origin " : " allowed origins ");
        text.append(origins.subList(0, Math.min(origins.size(), 5)));
        if (origins.size() > 5) {
            text.setLength(text.length() - 1);
            text.append(", and ").append(origins.size() - 5).append(" more]");
        }
        if (policy.config().originCheck() != null) {
            text.append(" plus an origin check");
        }
        text.append(policy.config().allowCredentials() ? ", credentials allowed" : ", no credentials");
        return text.toString();
    }

    /**
     * A named policy for the requests whose path matches one of its patterns ({@link PathPattern} syntax, such as
     * {@code /api/**} or <code>/files/{*path}</code>).
     */
    public static final class PathPolicy {

        private final String name;

        private final List<String> pathPatterns;

        private final List<PathPattern> parsedPatterns;

        private final CorsPolicy policy;

        private PathPolicy(String name, List<String> pathPatterns, List<PathPattern> parsedPatterns,
                CorsPolicy policy) {
            this.name = name;
            this.pathPatterns = pathPatterns;
            this.parsedPatterns = parsedPatterns;
            this.policy = policy;
        }

        /**
         * A per-path policy.
         *
         * @param name the name, for logs and customizers
         * @param pathPatterns one or more patterns in {@link PathPattern} syntax
         * @param policy the policy for matching requests
         * @return the per-path policy
         * @throws org.springframework.web.util.pattern.PatternParseException if a pattern is malformed
         */
        public static PathPolicy of(String name, List<String> pathPatterns, CorsPolicy policy) {
            Assert.hasText(name, "'name' must not be empty");
            Assert.notEmpty(pathPatterns, "'pathPatterns' must not be empty");
            Assert.notNull(policy, "'policy' must not be null");
            List<PathPattern> parsed = new ArrayList<>(pathPatterns.size());
            for (String pattern : pathPatterns) {
                parsed.add(PathPatternParser.defaultInstance.parse(pattern));
            }
            return new PathPolicy(name, List.copyOf(pathPatterns), List.copyOf(parsed), policy);
        }

        /** The name, for logs and customizers. */
        public String name() {
            return this.name;
        }

        /** The path patterns, as written. */
        public List<String> pathPatterns() {
            return this.pathPatterns;
        }

        /** The policy for matching requests. */
        public CorsPolicy policy() {
            return this.policy;
        }

        boolean matches(PathContainer path) {
            for (PathPattern pattern : this.parsedPatterns) {
                if (pattern.matches(path)) {
                    return true;
                }
            }
            return false;
        }

    }

}
