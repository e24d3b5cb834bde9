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

    private static String render(List<ConfigProblem> problems) {
        return ConfigProblem.render("Invalid CORS configuration", problems);
    }

}
