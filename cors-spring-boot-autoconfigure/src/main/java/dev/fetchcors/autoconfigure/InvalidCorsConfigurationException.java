package dev.fetchcors.autoconfigure;

import java.util.List;

import dev.fetchcors.core.ConfigProblem;
import org.springframework.util.Assert;

/**
 * Thrown at startup (and logged on a refused refresh) when the {@code app.cors.*} properties, or the beans that
 * adjust them, make an invalid configuration. Its message only names the properties, so that the report that
 * explains each one (its value, the reason and the fix, printed once by the starter's failure analyzer) is not
 * repeated in every log line that quotes the exception.
 */
public final class InvalidCorsConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    /**
     * An exception over one or more problems, with full property names.
     *
     * @param problems the problems
     */
    public InvalidCorsConfigurationException(List<ConfigProblem> problems) {
        super(summary(problems));
        Assert.notEmpty(problems, "'problems' must not be empty");
        this.problems = List.copyOf(problems);
    }

    /** Every problem, each with its property, value, reason and fix. */
    public List<ConfigProblem> problems() {
        return this.problems;
    }

    private static String summary(List<ConfigProblem> problems) {
        return "Invalid CORS configuration (" + problems.size() + ((problems.size() == 1) ? " problem" : " problems")
                + ", in " + String.join(", ", problems.stream().map(ConfigProblem::property).distinct().toList())
                + "); the startup failure report says why and how to fix each";
    }

}
