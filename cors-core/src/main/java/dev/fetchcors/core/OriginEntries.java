package dev.fetchcors.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Origin entries loaded at run time (a database's rows, say), checked one by one as entries of {@code allowed-origins}
 * are at startup, in the context of the configuration they would join: malformed origins, {@code null}, paths,
 * wildcards over a public suffix and insecure origins with credentials are each rejected with the reason and the fix,
 * and never widen the policy. An entry grants at most the origin it names: {@code *} is always rejected, and a
 * pattern is unless the source may hold patterns. The others are accepted.
 *
 * <pre>{@code
 * OriginEntries entries = OriginEntries.check(policy.config(), rowsFromTheDatabase);
 * CorsPolicy updated = CorsPolicy.compile(policy.config().toBuilder()
 *         .addAllowedOrigins(entries.accepted().toArray(String[]::new))
 *         .build());
 * entries.rejected().forEach((problem) -> log.warn(problem.value() + ": " + problem.reason()));
 * }</pre>
 */
public final class OriginEntries {

    private final List<String> accepted;

    private final List<ConfigProblem> rejected;

    private OriginEntries(List<String> accepted, List<ConfigProblem> rejected) {
        this.accepted = Collections.unmodifiableList(accepted);
        this.rejected = Collections.unmodifiableList(rejected);
    }

    /**
     * Checks entries.
     *
     * @param context the configuration the entries would be added to: its credentials and opt-ins decide what is
     *        allowed, as they do for its own {@code allowed-origins}
     * @param entries the entries, possibly with {@code null}s
     * @return the accepted entries, in order, and a problem for each rejected one, whose property is
     *         {@code allowed-origins[i]}, {@code i} the entry's index in {@code entries}; a pattern is rejected
     */
    public static OriginEntries check(CorsConfig context, List<String> entries) {
        return check(context, entries, false);
    }

    /**
     * Checks entries that may hold patterns, where the source says so.
     *
     * @param context the configuration the entries would be added to
     * @param entries the entries, possibly with {@code null}s
     * @param patternsAllowed whether an entry may be a pattern ({@code https://*.example.com}, {@code :*});
     *        {@code *} is rejected either way
     * @return the accepted entries, in order, and a problem for each rejected one
     */
    public static OriginEntries check(CorsConfig context, List<String> entries, boolean patternsAllowed) {
        if (context == null || entries == null) {
            throw new IllegalArgumentException("A configuration and a list of entries are required");
        }
        List<String> accepted = new ArrayList<>(entries.size());
        ConfigValidator validator = new ConfigValidator(context, entries, patternsAllowed, accepted);
        return new OriginEntries(accepted, new ArrayList<>(validator.problems));
    }

    /** The entries that passed, in their order. */
    public List<String> accepted() {
        return this.accepted;
    }

    /** A problem for each rejected entry: its index, value, reason and fix. */
    public List<ConfigProblem> rejected() {
        return this.rejected;
    }

}
