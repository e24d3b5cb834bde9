package dev.fetchcors.core;

import java.util.List;

/**
 * Thrown when a {@link CorsConfig} cannot be compiled into a {@link CorsPolicy}; lists every problem at once,
 * not only the first.
 *
 * <pre>{@code
 * try {
 *     CorsPolicy policy = CorsPolicy.compile(config);
 * } catch (CorsConfigException ex) {
 *     ex.problems().forEach(System.err::println);
 * }
 * }</pre>
 */
public final class CorsConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    /**
     * Creates an exception over one or more problems.
     *
     * @param problems the problems, at least one
     */
    public CorsConfigException(List<ConfigProblem> problems) {
        super(render(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("A CorsConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in the order of the configuration's properties. */
    public List<ConfigProblem> problems() {
        return this.problems;
    }

    /**
     * The same problems with each property name under a prefix such as {@code app.cors}.
     *
     * @param prefix the property prefix, without a trailing dot
     * @return a new exception
     */
    public CorsConfigException withPrefix(String prefix) {
        return new CorsConfigException(this.problems.stream().map((problem) -> problem.withPrefix(prefix)).toList());
    }

    private static String render(List<ConfigProblem> problems) {
        StringBuilder message = new StringBuilder("Invalid CORS configuration (")
            .append(problems.size())
            .append((problems.size() == 1) ? " problem):" : " problems):");
        for (ConfigProblem problem : problems) {
            message.append(System.lineSeparator()).append(" - ").append(problem);
        }
        return message.toString();
    }

}
