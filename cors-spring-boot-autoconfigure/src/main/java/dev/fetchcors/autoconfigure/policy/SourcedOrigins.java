package dev.fetchcors.autoconfigure.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.fetchcors.core.ConfigProblem;
import dev.fetchcors.core.CorsConfig;
import dev.fetchcors.core.OriginEntries;
import org.jspecify.annotations.Nullable;

/**
 * The entries every {@link dev.fetchcors.autoconfigure.CorsOriginSource} last loaded, by source, as the origin sources' loader hands them to
 * {@link PropertiesCorsPolicyResolver#useSourcedOrigins}, and, once compiled with the configuration, what became of
 * them: the entries each source got accepted, and a problem for each entry rejected. Immutable but for the outcome,
 * which {@link CorsPoliciesCompiler} fills in each time it compiles. Public for the loader, in its own package; not
 * an extension point.
 */
public final class SourcedOrigins {

    static final SourcedOrigins NONE = new SourcedOrigins(List.of());

    private final List<Entries> entries;

    /**
     * What the sources loaded.
     *
     * @param entries each source's entries
     */
    public SourcedOrigins(List<Entries> entries) {
        this.entries = List.copyOf(entries);
    }

    List<Entries> entries() {
        return this.entries;
    }

    boolean isEmpty() {
        return this.entries.isEmpty();
    }

    /**
     * The configuration of a policy with the accepted entries of the sources that name it, checked against it: each
     * entry on its own ({@link OriginEntries}), then the configuration they make together, so that an entry valid on
     * its own that the policy refuses (one of its {@code send-only-origins}, a rule of the application's) is skipped
     * and reported like any rejected entry, and never stops the others from coming into force.
     *
     * @param policy the policy's name
     * @param config its configuration from the properties
     * @param outcome where to count what was accepted and note what was rejected
     * @param problems the problems of a configuration as the compilation would find them (the engine's rules, the
     *        application's validators)
     * @return the configuration with the accepted entries added to its allowed origins
     */
    CorsConfig extend(String policy, CorsConfig config, Outcome outcome,
            Function<CorsConfig, List<ConfigProblem>> problems) {
        List<String> added = new ArrayList<>();
        for (Entries source : this.entries) {
            if (!source.policy().equals(policy)) {
                continue;
            }
            OriginEntries checked = OriginEntries.check(config, source.values(), source.patterns());
            List<String> accepted = checked.accepted();
            List<ConfigProblem> rejected = checked.rejected();
            if (!accepted.isEmpty() && !problems.apply(with(config, added, accepted)).isEmpty()
                    && problems.apply(with(config, added, List.of())).isEmpty()) {
                accepted = new ArrayList<>(accepted.size());
                rejected = new ArrayList<>(rejected);
                refused(config, added, source.values(), checked.accepted(), problems, accepted, rejected);
            }
            added.addAll(accepted);
            outcome.accepted.put(source.source(), accepted);
            outcome.rejected.put(source.source(), rejected);
            outcome.contributed(policy, source.source(), accepted);
        }
        return added.isEmpty() ? config : with(config, added, List.of());
    }

    /**
     * Sorts the entries that the policy refuses once added from the ones it keeps: each entry is tried on its own,
     * then the kept ones together; entries that the policy refuses only together are all refused, so that what comes
     * into force always compiles.
     */
    private static void refused(CorsConfig config, List<String> added, List<String> values, List<String> candidates,
            Function<CorsConfig, List<ConfigProblem>> problems, List<String> accepted, List<ConfigProblem> rejected) {
        for (String entry : candidates) {
            List<ConfigProblem> found = problems.apply(with(config, added, List.of(entry)));
            if (found.isEmpty()) {
                accepted.add(entry);
            }
            else {
                rejected.add(refusal(values, entry, found.get(0), ""));
            }
        }
        if (!accepted.isEmpty()) {
            List<ConfigProblem> together = problems.apply(with(config, added, accepted));
            if (!together.isEmpty()) {
                for (String entry : accepted) {
                    rejected.add(refusal(values, entry, together.get(0), " with the other entries"));
                }
                accepted.clear();
            }
        }
    }

    private static ConfigProblem refusal(List<String> values, String entry, ConfigProblem problem, String how) {
        return new ConfigProblem(CorsConfig.Setting.ALLOWED_ORIGINS.key() + "[" + values.indexOf(entry) + "]", entry,
                "the policy refuses it" + how + " (" + problem.property() + "): " + problem.reason(), problem.fix());
    }

    private static CorsConfig with(CorsConfig config, List<String> added, List<String> more) {
        if (added.isEmpty() && more.isEmpty()) {
            return config;
        }
        List<String> origins = new ArrayList<>(added.size() + more.size());
        origins.addAll(added);
        origins.addAll(more);
        return config.toBuilder().addAllowedOrigins(origins.toArray(String[]::new)).build();
    }

    /**
     * The configuration of a per-path policy that inherits the default's origins, with the default's accepted
     * sourced entries that are valid in its own context too (a per-path policy with credentials does not inherit a
     * sourced {@code *}).
     *
     * @param policy the name of the policy whose sources are inherited
     * @param heir the name of the inheriting policy
     * @param config the inheriting policy's configuration
     * @param outcome where to note what each source gave the heir (its accepted and rejected entries are the
     *        ones of the policy it names)
     * @param problems the problems of a configuration of the heir's, as its compilation would find them
     * @return the configuration with those entries added
     */
    CorsConfig inherit(String policy, String heir, CorsConfig config, Outcome outcome,
            Function<CorsConfig, List<ConfigProblem>> problems) {
        Outcome inherited = new Outcome();
        CorsConfig extended = extend(policy, config, inherited, problems);
        for (Contribution contribution : inherited.contributions(policy)) {
            outcome.contributions.computeIfAbsent(heir, (key) -> new ArrayList<>()).add(contribution);
        }
        return extended;
    }

    /**
     * Notes, for each source whose policy does not exist, that its entries went nowhere.
     *
     * @param policies the names of the policies compiled
     * @param outcome the outcome
     */
    void checkPolicies(Set<String> policies, Outcome outcome) {
        for (Entries source : this.entries) {
            if (!policies.contains(source.policy())) {
                outcome.accepted.put(source.source(), List.of());
                outcome.unknownPolicy.put(source.source(), source.policy());
            }
        }
    }

    /**
     * What one source loaded.
     *
     * @param source the source's name
     * @param policy the policy its entries join
     * @param values the entries, as loaded
     * @param patterns whether an entry may be a pattern; {@code *} never may
     */
    public record Entries(String source, String policy, List<String> values, boolean patterns) {
    }

    /**
     * What one source gave one policy: the entries appended to its allowed origins.
     *
     * @param source the source's name
     * @param origins how many entries it added
     * @param first the first of them, or {@code null} when it added none
     */
    public record Contribution(String source, int origins, @Nullable String first) {
    }

    /** What became of each source's entries in one compilation. */
    public static final class Outcome {

        final Map<String, List<String>> accepted = new LinkedHashMap<>();

        final Map<String, List<ConfigProblem>> rejected = new LinkedHashMap<>();

        /** Sources whose policy does not exist, with the name they gave. */
        final Map<String, String> unknownPolicy = new LinkedHashMap<>();

        /** What each source gave each policy, by policy, in the order the entries were added. */
        final Map<String, List<Contribution>> contributions = new LinkedHashMap<>();

        void contributed(String policy, String source, List<String> accepted) {
            this.contributions.computeIfAbsent(policy, (key) -> new ArrayList<>())
                .add(new Contribution(source, accepted.size(), accepted.isEmpty() ? null : accepted.get(0)));
        }

        /**
         * What the sources gave a policy in this compilation, its own and the ones it inherits, in the order their
         * entries follow the configured origins at the end of its allowed origins.
         *
         * @param policy the policy's name
         * @return each source's contribution, empty when none gave it anything
         */
        public List<Contribution> contributions(String policy) {
            return List.copyOf(this.contributions.getOrDefault(policy, List.of()));
        }

        /** The accepted entries of a source, in its order, duplicates included; empty when none or unknown. */
        public List<String> accepted(String source) {
            return this.accepted.getOrDefault(source, List.of());
        }

        /** The rejected entries of a source, each with its reason and fix. */
        public List<ConfigProblem> rejected(String source) {
            return this.rejected.getOrDefault(source, List.of());
        }

        /** The policy a source named that does not exist, or {@code null}. */
        public @Nullable String unknownPolicy(String source) {
            return this.unknownPolicy.get(source);
        }

    }

}
