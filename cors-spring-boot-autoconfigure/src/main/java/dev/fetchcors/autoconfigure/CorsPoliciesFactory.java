package dev.fetchcors.autoconfigure;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import dev.fetchcors.core.ConfigProblem;
import dev.fetchcors.core.CorsConfig;
import dev.fetchcors.core.CorsConfigException;
import dev.fetchcors.core.CorsPolicy;
import dev.fetchcors.core.OriginCheck;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * Compiles {@link CorsProperties} into {@link CorsPolicies}, applying the application's {@link OriginCheck},
 * {@link CorsConfigCustomizer customizers} and default {@link CorsPolicy} bean, and reporting every problem of
 * every policy at once.
 *
 * <pre>{@code
 * CorsPolicies policies = new CorsPoliciesFactory(null, originCheck, customizers).create(properties);
 * }</pre>
 */
public final class CorsPoliciesFactory {

    private static final String PREFIX = "app.cors";

    private final @Nullable CorsPolicy defaultPolicy;

    private final @Nullable OriginCheck originCheck;

    private final List<CorsConfigCustomizer> customizers;

    /**
     * A factory.
     *
     * @param defaultPolicy the application's default policy, used instead of the top-level properties, or
     *        {@code null}
     * @param originCheck the dynamic origin check given to every property-bound policy, or {@code null}
     * @param customizers the customizers, in the order to apply them
     */
    public CorsPoliciesFactory(@Nullable CorsPolicy defaultPolicy, @Nullable OriginCheck originCheck,
            List<CorsConfigCustomizer> customizers) {
        this.defaultPolicy = defaultPolicy;
        this.originCheck = originCheck;
        this.customizers = List.copyOf(customizers);
    }

    /**
     * Validates and compiles every policy.
     *
     * @param properties the bound properties
     * @return the policies; the default one is {@code null} when it allows no origin at all
     * @throws CorsConfigException listing every problem, with property names under {@code app.cors}
     */
    public CorsPolicies create(CorsProperties properties) {
        List<ConfigProblem> problems = new ArrayList<>();
        CorsConfig defaultConfig;
        CorsPolicy defaultPolicy = this.defaultPolicy;
        List<ConfigProblem> defaultProblems = List.of();
        if (defaultPolicy != null) {
            defaultConfig = defaultPolicy.config();
        }
        else {
            defaultConfig = customize(CorsConfigCustomizer.DEFAULT_POLICY, defaultConfig(properties));
            try {
                defaultPolicy = CorsPolicy.compile(defaultConfig);
            }
            catch (CorsConfigException ex) {
                defaultProblems = ex.problems();
                problems.addAll(ex.withPrefix(PREFIX).problems());
            }
        }
        List<CorsPolicies.PathPolicy> pathPolicies = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < properties.getPolicies().size(); i++) {
            CorsProperties.Policy policy = properties.getPolicies().get(i);
            String prefix = PREFIX + ".policies[" + i + "]";
            int problemCount = problems.size();
            String name = policy.getName();
            if (name == null || name.isBlank()) {
                problems.add(new ConfigProblem(prefix + ".name", "", "every per-path policy needs a name.",
                        "name it after what it covers, such as 'public-api'."));
                name = "policies[" + i + "]";
            }
            else if (!names.add(name)) {
                problems.add(new ConfigProblem(prefix + ".name", name, "another per-path policy has that name.",
                        "give each policy its own name."));
            }
            validatePathPatterns(prefix, policy.getPathPatterns(), problems);
            CorsConfig config = customize(name, pathConfig(defaultConfig, policy));
            CorsPolicy compiled = null;
            try {
                compiled = CorsPolicy.compile(config);
            }
            catch (CorsConfigException ex) {
                for (ConfigProblem problem : ex.problems()) {
                    // An inherited mistake is already reported once, under the default policy.
                    if (!defaultProblems.contains(problem)) {
                        problems.add(problem.withPrefix(prefix));
                    }
                }
            }
            if (compiled != null && problems.size() == problemCount) {
                pathPolicies.add(CorsPolicies.PathPolicy.of(name, policy.getPathPatterns(), compiled));
            }
        }
        if (!problems.isEmpty()) {
            throw new CorsConfigException(problems);
        }
        return CorsPolicies.of(allowsAnything(defaultPolicy) ? defaultPolicy : null, pathPolicies);
    }

    private static boolean allowsAnything(@Nullable CorsPolicy policy) {
        return policy != null
                && (!policy.config().allowedOrigins().isEmpty() || policy.config().originCheck() != null);
    }

    private static void validatePathPatterns(String prefix, List<String> patterns, List<ConfigProblem> problems) {
        if (patterns.isEmpty()) {
            problems.add(new ConfigProblem(prefix + ".path-patterns", "",
                    "a per-path policy without path patterns would never apply.",
                    "add patterns such as /api/** (PathPattern syntax)."));
        }
        for (int j = 0; j < patterns.size(); j++) {
            String pattern = patterns.get(j);
            try {
                PathPatternParser.defaultInstance.parse(pattern);
            }
            catch (PatternParseException ex) {
                problems.add(new ConfigProblem(prefix + ".path-patterns[" + j + "]", pattern,
                        "not a valid path pattern: " + ex.getMessage() + ".",
                        "use PathPattern syntax, such as /api/** or /files/{*path}."));
            }
        }
    }

    private CorsConfig defaultConfig(CorsProperties properties) {
        return CorsConfig.builder()
            .allowedOrigins(properties.getAllowedOrigins())
            .allowedMethods(properties.getAllowedMethods())
            .allowedHeaders(properties.getAllowedHeaders())
            .exposedHeaders(properties.getExposedHeaders())
            .allowCredentials(properties.isAllowCredentials())
            .allowPrivateNetwork(properties.isAllowPrivateNetwork())
            .maxAge(properties.getMaxAge())
            .preflightStatus(properties.getPreflightStatus())
            .preflightPassthrough(properties.isPreflightPassthrough())
            .dangerouslyAllowPublicSuffixWildcards(properties.isDangerouslyAllowPublicSuffixWildcards())
            .dangerouslyAllowInsecureOriginsWithCredentials(
                    properties.isDangerouslyAllowInsecureOriginsWithCredentials())
            .originCheck(this.originCheck)
            .build();
    }

    private static CorsConfig pathConfig(CorsConfig inherited, CorsProperties.Policy policy) {
        CorsConfig.Builder builder = inherited.toBuilder();
        setIfPresent(policy.getAllowedOrigins(), builder::allowedOrigins);
        setIfPresent(policy.getAllowedMethods(), builder::allowedMethods);
        setIfPresent(policy.getAllowedHeaders(), builder::allowedHeaders);
        setIfPresent(policy.getExposedHeaders(), builder::exposedHeaders);
        setIfPresent(policy.getAllowCredentials(), builder::allowCredentials);
        setIfPresent(policy.getAllowPrivateNetwork(), builder::allowPrivateNetwork);
        setIfPresent(policy.getMaxAge(), builder::maxAge);
        setIfPresent(policy.getPreflightStatus(), builder::preflightStatus);
        setIfPresent(policy.getPreflightPassthrough(), builder::preflightPassthrough);
        setIfPresent(policy.getDangerouslyAllowPublicSuffixWildcards(),
                builder::dangerouslyAllowPublicSuffixWildcards);
        setIfPresent(policy.getDangerouslyAllowInsecureOriginsWithCredentials(),
                builder::dangerouslyAllowInsecureOriginsWithCredentials);
        return builder.build();
    }

    private static <T> void setIfPresent(@Nullable T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    private CorsConfig customize(String name, CorsConfig config) {
        if (this.customizers.isEmpty()) {
            return config;
        }
        CorsConfig.Builder builder = config.toBuilder();
        for (CorsConfigCustomizer customizer : this.customizers) {
            customizer.customize(name, builder);
        }
        return builder.build();
    }

}
