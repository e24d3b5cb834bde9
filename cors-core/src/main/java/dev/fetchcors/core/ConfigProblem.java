package dev.fetchcors.core;

import java.util.List;

/**
 * One problem found in a CORS configuration: which property, which value, why it is refused and how to fix it.
 *
 * <pre>{@code
 * try {
 *     CorsPolicy.compile(config);
 * } catch (CorsConfigException ex) {
 *     for (ConfigProblem problem : ex.problems()) {
 *         System.err.println(problem.property() + "=" + problem.value() + ": " + problem.reason());
 *     }
 * }
 * }</pre>
 *
 * @param property the property in kebab case, relative to the policy ({@code allowed-origins[2]}); see
 *        {@link #withPrefix(String)} to make it absolute
 * @param value the offending value as configured, or the empty string
 * @param reason why the value is refused, in a sentence
 * @param fix what to write instead, in a sentence
 */
public record ConfigProblem(String property, String value, String reason, String fix) {

    /**
     * This problem with its property name under a prefix, for example {@code app.cors} or
     * {@code app.cors.policies[0]}.
     *
     * @param prefix the property prefix, without a trailing dot
     * @return a copy with {@code prefix + "." + property}
     */
    public ConfigProblem withPrefix(String prefix) {
        return prefix.isEmpty() ? this : new ConfigProblem(prefix + "." + this.property, this.value, this.reason,
                this.fix);
    }

    /**
     * The problem as a person reads it, one field per line, the same everywhere it is shown (an exception
     * message, the startup failure report, a log line):
     *
     * <pre>
     *     Property: app.cors.max-age
     *     Value: "48h"
     *     Reason: no browser caches a preflight for longer than 24 hours ...
     *     Fix: set 24h or less, such as 1h.
     * </pre>
     */
    @Override
    public String toString() {
        String nl = System.lineSeparator();
        return "    Property: " + this.property + nl + "    Value: \"" + this.value + "\"" + nl + "    Reason: "
                + this.reason + nl + "    Fix: " + this.fix;
    }

    /**
     * Several problems, as {@link #toString()} renders each, under a heading that counts them.
     *
     * @param heading the heading, such as {@code "Invalid CORS configuration"}
     * @param problems the problems
     * @return the text, without a trailing line separator
     */
    public static String render(String heading, List<ConfigProblem> problems) {
        StringBuilder text = new StringBuilder(heading).append(" (")
            .append(problems.size())
            .append((problems.size() == 1) ? " problem):" : " problems):");
        for (ConfigProblem problem : problems) {
            text.append(System.lineSeparator()).append(System.lineSeparator()).append(problem);
        }
        return text.toString();
    }

}
