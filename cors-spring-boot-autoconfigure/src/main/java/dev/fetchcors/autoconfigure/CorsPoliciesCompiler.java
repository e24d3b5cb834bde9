package dev.fetchcors.autoconfigure;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.fetchcors.core.ConfigProblem;
import dev.fetchcors.core.CorsConfig;
import dev.fetchcors.core.CorsConfigException;
import dev.fetchcors.core.CorsPolicy;
import dev.fetchcors.core.OriginCheck;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * Turns {@link CorsProperties}, with the application's {@link OriginCheck}, {@link CorsConfigCustomizer
 * customizers} and default {@link CorsPolicy} bean, into {@link CorsPolicies}, reporting every problem of every
 * policy at once. Inheritance happens on the plain configuration before anything is compiled: a per-path policy
 * starts from the (customized) default configuration, takes its own properties, then is customized under its
 * own name.
 */
final class CorsPoliciesCompiler {

    private final @Nullable CorsPolicy defaultPolicy;

    private final @Nullable OriginCheck originCheck;

    private final List<CorsConfigCustomizer> customizers;

    private final boolean gateway;

    /**
     * A compiler.
     *
     * @param defaultPolicy the application's default policy bean, or {@code null}
     * @param originCheck the application's origin check, or {@code null}
     * @param customizers the customizers, in order
     * @param gateway whether the application is a gateway whose single CORS owner the starter is: preflights
     *        are then answered at the edge, and passthrough is refused
     */
    CorsPoliciesCompiler(@Nullable CorsPolicy defaultPolicy, @Nullable OriginCheck originCheck,
            List<CorsConfigCustomizer> customizers, boolean gateway) {
        this.defaultPolicy = defaultPolicy;
        this.originCheck = originCheck;
        this.customizers = List.copyOf(customizers);
        this.gateway = gateway;
    }

    /**
     * Validates and compiles every policy.
     *
     * @param properties the bound properties
     * @param sources the sources they were bound from, searched for keys no property has
     * @return the policies; the default one is absent when it allows no origin at all
     * @throws InvalidCorsConfigurationException listing every problem, with property names under {@code app.cors}
     */
    CorsPolicies compile(CorsProperties properties, Iterable<ConfigurationPropertySource> sources) {
        List<ConfigProblem> problems = new ArrayList<>(CorsPropertyKeys.unknown(sources));
        CorsConfig defaultConfig;
        CorsPolicy defaultPolicy = this.defaultPolicy;
        List<ConfigProblem> defaultProblems = new ArrayList<>();
        if (defaultPolicy != null) {
            defaultConfig = defaultPolicy.config();
        }
        else {
            CorsConfig.Builder builder = CorsConfig.builder()
                .originCheck(this.originCheck)
                .webSocketHandshakes(properties.getWebsocket().isEnabled());
            properties.applyTo(builder);
            defaultConfig = customize(CorsConfigCustomizer.DEFAULT_POLICY, builder);
            try {
                defaultPolicy = CorsPolicy.compile(defaultConfig);
            }
            catch (CorsConfigException ex) {
                defaultProblems.addAll(ex.problems());
                problems.addAll(prefixed(CorsProperties.PREFIX, defaultProblems));
            }
        }
        if (defaultConfig.preflightPassthrough()) {
            passthroughInGateway(CorsProperties.PREFIX, problems);
        }
        List<NamedCorsPolicy> pathPolicies = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < properties.getPolicies().size(); i++) {
            CorsProperties.Policy policy = properties.getPolicies().get(i);
            String prefix = CorsProperties.PREFIX + ".policies[" + i + "]";
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
            CorsConfig.Builder builder = defaultConfig.toBuilder();
            policy.applyTo(builder);
            CorsPolicy compiled = null;
            try {
                CorsConfig config = customize(name, builder);
                if (config.preflightPassthrough() && !defaultConfig.preflightPassthrough()) {
                    passthroughInGateway(prefix, problems);
                }
                compiled = CorsPolicy.compile(config);
            }
            catch (CorsConfigException ex) {
                // An inherited mistake is already reported once, under the default policy.
                problems.addAll(prefixed(prefix,
                        ex.problems().stream().filter((problem) -> !defaultProblems.contains(problem)).toList()));
            }
            if (compiled != null && problems.size() == problemCount) {
                pathPolicies.add(NamedCorsPolicy.of(name, policy.getPathPatterns(), compiled));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidCorsConfigurationException(problems);
        }
        NamedCorsPolicy named = allowsAnything(defaultPolicy)
                ? NamedCorsPolicy.of(CorsConfigCustomizer.DEFAULT_POLICY, defaultPolicy) : null;
        return CorsPolicies.of(named, pathPolicies);
    }

    private void passthroughInGateway(String prefix, List<ConfigProblem> problems) {
        if (this.gateway) {
            problems.add(new ConfigProblem(prefix + ".preflight-passthrough", "true", "this application is a Spring"
                    + " Cloud Gateway, which answers preflights at the edge: a preflight passed on would let the"
                    + " service behind it answer CORS, while the gateway removes every CORS header services send.",
                    "remove it; or, if this gateway is not to be the CORS owner of its routes, set"
                            + " app.cors.gateway.enabled=false."));
        }
    }

    private static List<ConfigProblem> prefixed(String prefix, List<ConfigProblem> problems) {
        return problems.stream().map((problem) -> problem.withPrefix(prefix)).toList();
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

    private CorsConfig customize(String name, CorsConfig.Builder builder) {
        for (CorsConfigCustomizer customizer : this.customizers) {
            customizer.customize(name, builder);
        }
        return builder.build();
    }

}
