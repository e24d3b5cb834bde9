package dev.fetchcors.autoconfigure.policy;

import java.util.List;

import dev.fetchcors.autoconfigure.InvalidCorsConfigurationException;
import dev.fetchcors.core.ConfigProblem;
import dev.fetchcors.core.CorsConfigException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Turns an invalid CORS configuration at startup into a report a person can act on: every problem with its full
 * property name, the value, the reason and the fix, and no stack trace. It reports both the starter's
 * {@link InvalidCorsConfigurationException} and a {@link CorsConfigException} thrown by an application's own
 * {@code CorsPolicy.compile(...)}.
 */
final class CorsConfigFailureAnalyzer implements FailureAnalyzer {

    private static final String ACTION = String.join(System.lineSeparator(),
            "Change each property listed above where it is set (application.yml or .properties, or an environment",
            "variable such as APP_CORS_ALLOWED_ORIGINS), then start the application again. A property named without",
            "the app.cors prefix comes from a CorsPolicy built in your code; a value you did not write may come from",
            "a CorsConfigCustomizer bean.");

    @Override
    public @Nullable FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            List<ConfigProblem> problems = null;
            if (cause instanceof InvalidCorsConfigurationException invalid) {
                problems = invalid.problems();
            }
            else if (cause instanceof CorsConfigException invalid) {
                problems = invalid.problems();
            }
            if (problems != null) {
                return new FailureAnalysis(ConfigProblem.render("The CORS configuration is invalid", problems),
                        ACTION, cause);
            }
        }
        return null;
    }

}
