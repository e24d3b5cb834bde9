package dev.fetchcors.autoconfigure.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import dev.fetchcors.autoconfigure.CorsConfigCustomizer;
import dev.fetchcors.autoconfigure.CorsConfigValidator;
import dev.fetchcors.autoconfigure.CorsPolicies;
import dev.fetchcors.autoconfigure.CorsPolicyProperties;
import dev.fetchcors.autoconfigure.CorsProperties;
import dev.fetchcors.autoconfigure.InvalidCorsConfigurationException;
import dev.fetchcors.autoconfigure.NamedCorsPolicy;
import dev.fetchcors.core.ConfigProblem;
import dev.fetchcors.core.CorsConfig;
import dev.fetchcors.core.CorsConfigException;
import dev.fetchcors.core.CorsPolicy;
import dev.fetchcors.core.OriginCheck;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * Turns {@link CorsProperties}, with the application's {@link OriginCheck}, {@link CorsConfigCustomizer
 * customizers}, {@link CorsConfigValidator validators} and default {@link CorsPolicy} bean, into
 * {@link CorsPolicies}, reporting every problem of every policy at once. Inheritance happens on the plain
 * configuration before anything is compiled: a per-path policy starts from the (customized) default
 * configuration, takes its own properties, then is customized under its own name.
 */
final class CorsPoliciesCompiler {

    private final @Nullable CorsPolicy defaultPolicy;

    private final @Nullable OriginCheck originCheck;

    private final List<CorsConfigCustomizer> customizers;

    private final List<CorsConfigValidator> validators;

    private final PathPatternParser parser;

    /**
     * Why the application's router cannot be followed by per-path policies, or {@code null} when it can: found once
     * at startup, and a problem of every compilation with per-path policies from then on, a refresh's included.
     */
    private final @Nullable ConfigProblem unfollowableRouter;

    /**
     * A compiler.
     *
     * @param defaultPolicy the application's default policy bean, or {@code null}
     * @param originCheck the application's origin check, or {@code null}
     * @param customizers the customizers, in order
     * @param validators the rules beyond the engine's, in order
     */
    CorsPoliciesCompiler(@Nullable CorsPolicy defaultPolicy, @Nullable OriginCheck originCheck,
            List<CorsConfigCustomizer> customizers, List<CorsConfigValidator> validators) {
        this(defaultPolicy, originCheck, customizers, validators, PathPatternParser.defaultInstance, null);
    }

    private CorsPoliciesCompiler(@Nullable CorsPolicy defaultPolicy, @Nullable OriginCheck originCheck,
            List<CorsConfigCustomizer> customizers, List<CorsConfigValidator> validators, PathPatternParser parser,
            @Nullable ConfigProblem unfollowableRouter) {
        this.defaultPolicy = defaultPolicy;
        this.originCheck = originCheck;
        this.customizers = List.copyOf(customizers);
        this.validators = List.copyOf(validators);
        this.parser = parser;
        this.unfollowableRouter = unfollowableRouter;
    }

    /**
     * This compiler with the per-path patterns parsed as the application's router parses its own (a
     * case-insensitive parser matches them case-insensitively), so that a request gets the policy of the handler
     * that serves it.
     *
     * @param parser the router's parser
     * @return a compiler that differs from this one in its parser alone
     */
    CorsPoliciesCompiler withParser(PathPatternParser parser) {
        return new CorsPoliciesCompiler(this.defaultPolicy, this.originCheck, this.customizers, this.validators,
                parser, this.unfollowableRouter);
    }

    /**
     * This compiler, refusing every per-path policy with the given problem: the application routes in a way the
     * policies cannot follow (Spring MVC's {@code AntPathMatcher}), so that a request could be served by one handler
     * and answered with another policy's headers.
     *
     * @param problem what is wrong with the router, and the fix
     * @return a compiler that differs from this one in that alone
     */
    CorsPoliciesCompiler refusingPathPolicies(ConfigProblem problem) {
        return new CorsPoliciesCompiler(this.defaultPolicy, this.originCheck, this.customizers, this.validators,
                this.parser, problem);
    }

    /** The parser per-path patterns are parsed with. */
    PathPatternParser parser() {
        return this.parser;
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
        return compile(properties, sources, SourcedOrigins.NONE, new SourcedOrigins.Outcome());
    }

    /**
     * Validates and compiles every policy, with the entries of the origin sources added to the policies they name,
     * each checked against its policy's configuration: a rejected entry is noted in {@code outcome}, never a problem
     * of the configuration.
     *
     * @param properties the bound properties
     * @param sources the sources they were bound from, searched for keys no property has
     * @param sourced what the origin sources last loaded
     * @param outcome receives what became of each source's entries
     * @return the policies
     * @throws InvalidCorsConfigurationException listing every problem of the configuration itself
     */
    CorsPolicies compile(CorsProperties properties, Iterable<ConfigurationPropertySource> sources,
            SourcedOrigins sourced, SourcedOrigins.Outcome outcome) {
        List<ConfigProblem> problems = new ArrayList<>(CorsPropertyKeys.unknown(sources));
        Set<String> policyNames = new HashSet<>();
        policyNames.add(CorsConfigCustomizer.DEFAULT_POLICY);
        CorsConfig defaultConfig;
        // The default's configuration before any sourced origin: what a per-path policy inherits from.
        CorsConfig defaultBase;
        CorsPolicy defaultPolicy = this.defaultPolicy;
        List<ConfigProblem> defaultProblems = new ArrayList<>();
        if (defaultPolicy != null) {
            problems.addAll(ignoredBesidePolicyBean(sources, this.originCheck != null));
            defaultConfig = defaultPolicy.config();
            defaultBase = defaultConfig;
            defaultProblems.addAll(validate(CorsConfigCustomizer.DEFAULT_POLICY, defaultConfig));
            CorsConfig extended = sourced.extend(CorsConfigCustomizer.DEFAULT_POLICY, defaultConfig, outcome,
                    problems(CorsConfigCustomizer.DEFAULT_POLICY, properties.getCandidate()));
            if (properties.getCandidate() != null || extended != defaultConfig) {
                // The application's policy, with the sourced origins, and the candidate of app.cors.candidate.*.
                defaultConfig = withCandidate(extended, properties.getCandidate());
                defaultPolicy = compile(CorsConfigCustomizer.DEFAULT_POLICY, defaultConfig, defaultProblems);
            }
        }
        else {
            CorsConfig.Builder builder = CorsConfig.builder()
                .originCheck(this.originCheck)
                .webSocketHandshakes(properties.getWebsocket().isEnabled());
            properties.applyTo(builder);
            defaultBase = customize(CorsConfigCustomizer.DEFAULT_POLICY, builder);
            defaultConfig = withCandidate(sourced.extend(CorsConfigCustomizer.DEFAULT_POLICY, defaultBase, outcome,
                    problems(CorsConfigCustomizer.DEFAULT_POLICY, properties.getCandidate())), properties.getCandidate());
            defaultPolicy = compile(CorsConfigCustomizer.DEFAULT_POLICY, defaultConfig, defaultProblems);
        }
        problems.addAll(prefixed(CorsProperties.PREFIX, defaultProblems));
        if (this.unfollowableRouter != null && !properties.getPolicies().isEmpty()) {
            problems.add(this.unfollowableRouter);
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
            validatePathPatterns(prefix, policy.getPathPatterns(), this.parser, problems);
            // A candidate belongs to the policy it stands beside: the default's is not inherited.
            CorsConfig.Builder builder = defaultBase.toBuilder().candidate(null);
            policy.applyTo(builder);
            List<ConfigProblem> policyProblems = new ArrayList<>();
            policyNames.add(name);
            Function<CorsConfig, List<ConfigProblem>> check = problems(name, policy.getCandidate());
            CorsConfig config = sourced.extend(name, customize(name, builder), outcome, check);
            if (policy.getAllowedOrigins() == null) {
                // It inherits the default's origins: the sourced ones too, where they are valid in its own context.
                config = sourced.inherit(CorsConfigCustomizer.DEFAULT_POLICY, name, config, outcome, check);
            }
            CorsPolicy compiled = compile(name, withCandidate(config, policy.getCandidate()), policyProblems);
            // An inherited mistake is already reported once, under the default policy.
            problems.addAll(prefixed(prefix,
                    policyProblems.stream().filter((problem) -> !defaultProblems.contains(problem)).toList()));
            if (compiled != null && problems.size() == problemCount) {
                pathPolicies.add(new NamedCorsPolicy(name,
                        policy.getPathPatterns().stream().map(this.parser::parse).toList(), compiled));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidCorsConfigurationException(problems);
        }
        sourced.checkPolicies(policyNames, outcome);
        NamedCorsPolicy named = allowsAnything(defaultPolicy)
                ? NamedCorsPolicy.of(CorsConfigCustomizer.DEFAULT_POLICY, defaultPolicy) : null;
        return CorsPolicies.of(named, pathPolicies);
    }

    /**
     * Validates a configuration by the engine's rules and the application's, and compiles it when there is no
     * problem.
     *
     * @return the policy, or {@code null} when {@code problems} received any
     */
    private @Nullable CorsPolicy compile(String name, CorsConfig config, List<ConfigProblem> problems) {
        CorsPolicy policy = null;
        try {
            policy = CorsPolicy.compile(config);
        }
        catch (CorsConfigException ex) {
            problems.addAll(ex.problems());
        }
        List<ConfigProblem> own = validate(name, config);
        problems.addAll(own);
        return own.isEmpty() ? policy : null;
    }

    /**
     * The problems the compilation of a policy's configuration finds (with its candidate beside it), for the check of
     * sourced entries.
     */
    private Function<CorsConfig, List<ConfigProblem>> problems(String name, @Nullable CorsPolicyProperties candidate) {
        return (config) -> {
            List<ConfigProblem> problems = new ArrayList<>();
            compile(name, withCandidate(config, candidate), problems);
            return problems;
        };
    }

    /**
     * The configuration with a candidate beside it: its own settings, enforced, with the candidate's properties over
     * them.
     */
    private static CorsConfig withCandidate(CorsConfig config, @Nullable CorsPolicyProperties candidate) {
        if (candidate == null) {
            return config;
        }
        CorsConfig.Builder builder = config.toBuilder().candidate(null).mode(CorsConfig.Mode.ENFORCE);
        candidate.applyTo(builder);
        return config.toBuilder().candidate(builder.build()).build();
    }

    private List<ConfigProblem> validate(String name, CorsConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (CorsConfigValidator validator : this.validators) {
            problems.addAll(validator.validate(name, config));
        }
        return problems;
    }

    /**
     * What a {@code CorsPolicy} bean, the default policy, makes the starter ignore: a top-level setting under
     * {@code app.cors} (its mode among them: a policy believed in shadow mode would be enforced), or an
     * {@code OriginCheck} bean. Each is a mistake to stop at, not a value to drop in silence.
     */
    private static List<ConfigProblem> ignoredBesidePolicyBean(Iterable<ConfigurationPropertySource> sources,
            boolean originCheckBean) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (CorsConfig.Setting setting : CorsConfig.Setting.values()) {
            if (setting == CorsConfig.Setting.WEBSOCKET_HANDSHAKES || setting == CorsConfig.Setting.ORIGIN_CHECK
                    || setting == CorsConfig.Setting.CANDIDATE) {
                continue;
            }
            String property = CorsProperties.PREFIX + "." + setting.key();
            ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
            for (ConfigurationPropertySource source : sources) {
                ConfigurationProperty value = source.getConfigurationProperty(name);
                if (value != null || source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
                    problems.add(new ConfigProblem(property, (value != null) ? String.valueOf(value.getValue())
                            : "(a list)", "a CorsPolicy bean is the default policy: the top-level properties would"
                                    + " be ignored.",
                            "set it in the CorsConfig the bean is compiled from, or remove the CorsPolicy bean to"
                                    + " configure the default policy with properties."));
                    break;
                }
            }
        }
        if (originCheckBean) {
            problems.add(new ConfigProblem("OriginCheck bean", "(defined)", "a CorsPolicy bean is the default policy,"
                    + " and takes no origin check from outside: the OriginCheck bean would be ignored.",
                    "build the policy with CorsConfig.builder().originCheck(...), or remove the CorsPolicy bean."));
        }
        return problems;
    }

    private static List<ConfigProblem> prefixed(String prefix, List<ConfigProblem> problems) {
        return problems.stream().map((problem) -> problem.withPrefix(prefix)).toList();
    }

    private static boolean allowsAnything(@Nullable CorsPolicy policy) {
        return policy != null
                && (!policy.config().allowedOrigins().isEmpty() || policy.config().originCheck() != null);
    }

    private static void validatePathPatterns(String prefix, List<String> patterns, PathPatternParser parser,
            List<ConfigProblem> problems) {
        if (patterns.isEmpty()) {
            problems.add(new ConfigProblem(prefix + ".path-patterns", "",
                    "a per-path policy without path patterns would never apply.",
                    "add patterns such as /api/** (PathPattern syntax)."));
        }
        for (int j = 0; j < patterns.size(); j++) {
            String pattern = patterns.get(j);
            try {
                parser.parse(pattern);
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
