package dev.fetchcors.autoconfigure.refresh;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.fetchcors.autoconfigure.CorsPolicies;
import dev.fetchcors.autoconfigure.CorsPoliciesFactory;
import dev.fetchcors.autoconfigure.CorsPoliciesResolver;
import dev.fetchcors.autoconfigure.CorsProperties;
import dev.fetchcors.core.ConfigProblem;
import dev.fetchcors.core.CorsConfigException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.Assert;

/**
 * Applies changed {@code app.cors.*} properties without a restart. On each Spring Cloud
 * {@link EnvironmentChangeEvent} (published by {@code ContextRefresher.refresh()}, the {@code refresh} actuator
 * endpoint and Spring Cloud Bus) that touches {@code app.cors}, binds {@code app.cors.*} afresh from the
 * {@link Environment}, validates and compiles the policies exactly as at startup, and swaps them into the
 * {@link CorsPoliciesResolver} at once: a request being handled finishes with the policies it started with, the
 * next one gets the new ones.
 *
 * <p>A configuration that would not start the application is refused: one ERROR line lists every problem and the
 * policies in force stay. {@code app.cors.enabled} and whether a filter is registered at all are decided at
 * startup only.
 */
public final class CorsPoliciesRefresher implements ApplicationListener<EnvironmentChangeEvent>, Ordered {

    private static final Log logger = LogFactory.getLog(CorsPoliciesRefresher.class);

    private static final String PREFIX = "app.cors";

    private final Environment environment;

    private final @Nullable CorsPoliciesResolver resolver;

    private final CorsPoliciesFactory factory;

    /**
     * A refresher.
     *
     * @param environment where to bind {@code app.cors.*} from
     * @param resolver the starter's resolver to update, or {@code null} when the application picks policies with a
     *        {@link dev.fetchcors.autoconfigure.CorsPolicyResolver} of its own (then refreshes change nothing)
     * @param factory compiles the properties, with the application's policy, origin check and customizers
     */
    public CorsPoliciesRefresher(Environment environment, @Nullable CorsPoliciesResolver resolver,
            CorsPoliciesFactory factory) {
        Assert.notNull(environment, "'environment' must not be null");
        Assert.notNull(factory, "'factory' must not be null");
        this.environment = environment;
        this.resolver = resolver;
        this.factory = factory;
    }

    /**
     * First among the listeners to environment changes, so that the CORS verdict is logged even when a later one
     * (such as Spring Cloud's rebinding of configuration properties beans) fails on the same change.
     */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void onApplicationEvent(EnvironmentChangeEvent event) {
        if (!touchesCors(event.getKeys())) {
            return;
        }
        if (this.resolver == null) {
            logger.debug("app.cors.* changed, but the application picks CORS policies with its own"
                    + " CorsPolicyResolver: nothing to refresh");
            return;
        }
        refresh();
    }

    /**
     * Binds, validates and compiles {@code app.cors.*} and puts the result in force, or logs why not.
     *
     * @return whether the new policies are in force
     */
    public synchronized boolean refresh() {
        CorsPoliciesResolver resolver = this.resolver;
        if (resolver == null) {
            return false;
        }
        CorsPolicies policies;
        try {
            CorsProperties properties = Binder.get(this.environment)
                .bind(PREFIX, CorsProperties.class)
                .orElseGet(CorsProperties::new);
            policies = this.factory.create(properties);
        }
        catch (CorsConfigException ex) {
            logger.error(refused(ex.problems()));
            return false;
        }
        catch (BindException ex) {
            logger.error(refused(List.of(problem(ex))));
            return false;
        }
        catch (RuntimeException ex) {
            logger.error("CORS refresh refused, the previous policies stay in force: " + ex.getMessage(), ex);
            return false;
        }
        resolver.update(policies);
        logger.info("CORS policies refreshed: " + policies);
        return true;
    }

    private static boolean touchesCors(Set<String> keys) {
        for (String key : keys) {
            // Relaxed: app.cors.allowed-origins[0], APP_CORS_ALLOWEDORIGINS and the like.
            String name = key.toLowerCase(Locale.ROOT).replace('_', '.');
            if (name.equals(PREFIX) || name.startsWith(PREFIX + ".") || name.startsWith(PREFIX + "[")) {
                return true;
            }
        }
        return false;
    }

    private static ConfigProblem problem(BindException ex) {
        ConfigurationProperty property = ex.getProperty();
        String name = (property != null) ? property.getName().toString() : ex.getName().toString();
        String value = (property != null) ? String.valueOf(property.getValue()) : "";
        Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
        return new ConfigProblem(name, value, "cannot be bound: " + cause.getMessage(),
                "give it a value of the property's type.");
    }

    private static String refused(List<ConfigProblem> problems) {
        StringBuilder message = new StringBuilder("CORS refresh refused, the previous policies stay in force (")
            .append(problems.size())
            .append((problems.size() == 1) ? " problem):" : " problems):");
        for (ConfigProblem problem : problems) {
            message.append(System.lineSeparator())
                .append("    ")
                .append(problem.property())
                .append(" = \"")
                .append(problem.value())
                .append("\": ")
                .append(problem.reason())
                .append(" Fix: ")
                .append(problem.fix());
        }
        return message.toString();
    }

}
