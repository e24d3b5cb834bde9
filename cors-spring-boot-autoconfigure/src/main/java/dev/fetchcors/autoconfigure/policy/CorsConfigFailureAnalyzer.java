package dev.fetchcors.autoconfigure.policy;

import java.util.ArrayList;
import java.util.List;

import dev.fetchcors.autoconfigure.CorsProperties;
import dev.fetchcors.autoconfigure.InvalidCorsConfigurationException;
import dev.fetchcors.core.ConfigProblem;
import dev.fetchcors.core.CorsConfigException;
import dev.fetchcors.core.CorsDecision;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;

/**
 * Turns an invalid CORS configuration at startup into a report a person can act on: every problem with its full
 * property name, the value, the reason and the fix, and no stack trace. It reports both the starter's
 * {@link InvalidCorsConfigurationException} and a {@link CorsConfigException} thrown by an application's own
 * {@code CorsPolicy.compile(...)}; and elements of a list under {@code app.cors} left unbound (one set alone on the
 * command line), with why Spring Boot left them so.
 */
final class CorsConfigFailureAnalyzer implements FailureAnalyzer, Ordered {

    private static final String ACTION = String.join(System.lineSeparator(),
            "Change each property listed above where it is set (application.yml or .properties, or an environment",
            "variable such as APP_CORS_ALLOWED_ORIGINS), then start the application again. A property named without",
            "the app.cors prefix comes from a CorsPolicy built in your code; a value you did not write may come from",
            "a CorsConfigCustomizer bean.");

    /** Before Spring Boot's own analyzers, which would report an unbound list element without the reason. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

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
            if (cause instanceof UnboundConfigurationPropertiesException unbound) {
                FailureAnalysis analysis = unboundListElements(unbound);
                if (analysis != null) {
                    return analysis;
                }
            }
        }
        return null;
    }

    /**
     * Elements of a list under {@code app.cors} left unbound: an element set alone (on the command line, in an
     * environment variable) where Spring Boot takes the whole list from the one source that sets any of it.
     */
    private static @Nullable FailureAnalysis unboundListElements(UnboundConfigurationPropertiesException unbound) {
        List<String> problems = new ArrayList<>();
        for (ConfigurationProperty property : unbound.getUnboundProperties()) {
            String name = property.getName().toString();
            if (!name.startsWith(CorsProperties.PREFIX + ".")) {
                return null;
            }
            problems.add("    Property: " + name + System.lineSeparator() + "    Value: \""
                    + CorsDecision.forLog(String.valueOf(property.getValue())) + "\"" + System.lineSeparator()
                    + "    Origin: " + property.getOrigin());
        }
        if (problems.isEmpty()) {
            return null;
        }
        String description = "The CORS configuration is invalid: elements of a list were left unbound, because no"
                + " element before them is set in the same place." + System.lineSeparator()
                + System.lineSeparator() + String.join(System.lineSeparator() + System.lineSeparator(), problems);
        String action = String.join(System.lineSeparator(),
                "Spring Boot takes a list whole from the one source that sets any element of it: an element given",
                "alone on the command line or in an environment variable replaces the list from application.yml.",
                "Give the whole list there (--app.cors.allowed-origins=https://app.example.com,https://new.example.com,",
                "or APP_CORS_ALLOWED_ORIGINS=...), or number its elements from 0.");
        return new FailureAnalysis(description, action, unbound);
    }

}
