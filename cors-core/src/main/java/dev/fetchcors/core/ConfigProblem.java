package dev.fetchcors.core;

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

    @Override
    public String toString() {
        return this.property + " = \"" + this.value + "\": " + this.reason + " Fix: " + this.fix;
    }

}
