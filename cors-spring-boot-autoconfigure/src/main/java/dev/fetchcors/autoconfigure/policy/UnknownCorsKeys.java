package dev.fetchcors.autoconfigure.policy;

import java.util.List;

import dev.fetchcors.autoconfigure.InvalidCorsConfigurationException;
import dev.fetchcors.core.ConfigProblem;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.Environment;

/**
 * Stops the startup on a key under {@code app.cors} that no property has, where no policy is compiled from the
 * properties to report it with the rest (no origin is configured yet, or the application picks its policies with a
 * resolver of its own): {@code app.cors.allowed-origin} as the only setting must not leave CORS silently off.
 */
final class UnknownCorsKeys implements InitializingBean {

    private final Environment environment;

    UnknownCorsKeys(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        List<ConfigProblem> problems = CorsPropertyKeys.unknown(ConfigurationPropertySources.get(this.environment));
        if (!problems.isEmpty()) {
            throw new InvalidCorsConfigurationException(problems);
        }
    }

}
