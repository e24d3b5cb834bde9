package dev.fetchcors.autoconfigure;

import dev.fetchcors.core.ConfigProblem;
import dev.fetchcors.core.CorsConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link CorsConfigException} at startup into a report a person can act on: every problem with its full
 * property name, the value, the reason and the fix.
 */
final class CorsConfigFailureAnalyzer extends AbstractFailureAnalyzer<CorsConfigException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CorsConfigException cause) {
        StringBuilder description = new StringBuilder("The CORS configuration is invalid (")
            .append(cause.problems().size())
            .append((cause.problems().size() == 1) ? " problem):" : " problems):")
            .append(System.lineSeparator());
        for (ConfigProblem problem : cause.problems()) {
            description.append(System.lineSeparator())
                .append("    Property: ")
                .append(problem.property())
                .append(System.lineSeparator())
                .append("    Value: \"")
                .append(problem.value())
                .append('"')
                .append(System.lineSeparator())
                .append("    Reason: ")
                .append(problem.reason())
                .append(System.lineSeparator())
                .append("    Fix: ")
                .append(problem.fix())
                .append(System.lineSeparator());
        }
        String action = "Correct the app.cors.* properties listed above (or, for names without the app.cors"
                + " prefix, the CorsPolicy bean that builds them; for the others, any CorsConfigCustomizer bean"
                + " that sets them), then start the application again.";
        return new FailureAnalysis(description.toString(), action, cause);
    }

}
