package dev.fetchcors.autoconfigure;

import java.util.List;

import dev.fetchcors.core.CorsPolicy;
import org.springframework.http.server.PathContainer;
import org.springframework.util.Assert;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A compiled {@link CorsPolicy} with the name it goes by in logs, customizers and the actuator endpoint, and the
 * path patterns that select it (none for the default policy).
 *
 * <pre>{@code
 * NamedCorsPolicy publicApi = NamedCorsPolicy.of("public", List.of("/public/**"), policy);
 * publicApi.matches(RequestPath.parse("/public/logo.png", null).pathWithinApplication());   // true
 * }</pre>
 *
 * @param name the name: {@value CorsConfigCustomizer#DEFAULT_POLICY} for the top-level policy, else the name of
 *        an {@code app.cors.policies} entry or one a {@link CorsPolicyResolver} chose
 * @param pathPatterns the patterns that select the policy, in {@link PathPattern} syntax; empty when it is
 *        selected otherwise
 * @param policy the policy
 */
public record NamedCorsPolicy(String name, List<PathPattern> pathPatterns, CorsPolicy policy) {

    public NamedCorsPolicy {
        Assert.hasText(name, "'name' must not be empty");
        Assert.notNull(policy, "'policy' must not be null");
        pathPatterns = List.copyOf(pathPatterns);
    }

    /**
     * A policy selected by something other than its path, such as the default policy or one picked in code.
     *
     * @param name the name, for logs
     * @param policy the policy
     * @return the named policy
     */
    public static NamedCorsPolicy of(String name, CorsPolicy policy) {
        return new NamedCorsPolicy(name, List.of(), policy);
    }

    /**
     * A policy for the paths that match any of the given patterns.
     *
     * @param name the name, for logs
     * @param pathPatterns one or more patterns in {@link PathPattern} syntax, such as {@code /api/**}
     * @param policy the policy
     * @return the named policy
     * @throws org.springframework.web.util.pattern.PatternParseException if a pattern is malformed
     */
    public static NamedCorsPolicy of(String name, List<String> pathPatterns, CorsPolicy policy) {
        Assert.notEmpty(pathPatterns, "'pathPatterns' must not be empty");
        return new NamedCorsPolicy(name,
                pathPatterns.stream().map(PathPatternParser.defaultInstance::parse).toList(), policy);
    }

    /**
     * Whether one of the path patterns matches the path.
     *
     * @param pathWithinApplication the path as the framework parsed it, after the context path
     * @return {@code true} when a pattern matches
     */
    public boolean matches(PathContainer pathWithinApplication) {
        for (PathPattern pattern : this.pathPatterns) {
            if (pattern.matches(pathWithinApplication)) {
                return true;
            }
        }
        return false;
    }

}
