package dev.fetchcors.autoconfigure;

import java.util.List;

import dev.fetchcors.core.ConfigProblem;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.Environment;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The starter's {@link CorsPolicyResolver}: the policies compiled from {@code app.cors.*} at startup, selected by
 * the path the framework routes on. {@link #refresh()} binds, validates and compiles the properties again and
 * swaps the result in at once, so a request sees either the old policies or the new ones, never a mix.
 */
public final class PropertiesCorsPolicyResolver implements CorsPolicyResolver {

    private static final Log logger = LogFactory.getLog(PropertiesCorsPolicyResolver.class);

    private volatile CorsPoliciesCompiler compiler;

    private final Environment environment;

    private volatile CorsPolicies policies;

    PropertiesCorsPolicyResolver(CorsPoliciesCompiler compiler, Environment environment, CorsProperties properties) {
        this.compiler = compiler;
        this.environment = environment;
        this.policies = compiler.compile(properties, ConfigurationPropertySources.get(environment));
    }

    @Override
    public @Nullable NamedCorsPolicy resolve(ServerCorsRequest request) {
        return this.policies.resolve(request);
    }

    @Override
    public CorsPolicies policies() {
        return this.policies;
    }

    /**
     * Selects per-path policies as the application's router matches its own patterns: the patterns are parsed
     * again with the router's parser (a case-insensitive one, say), and the policies recompiled and swapped in as
     * a refresh swaps them. Called at startup, once the router exists, by the web adapter's auto-configuration.
     *
     * @param parser the parser of the router that serves the application's handlers
     */
    public synchronized void followRouter(PathPatternParser parser) {
        this.compiler = this.compiler.withParser(parser);
        this.policies = this.compiler.compile(bind(), ConfigurationPropertySources.get(this.environment));
    }

    private CorsProperties bind() {
        return Binder.get(this.environment).bind(CorsProperties.PREFIX, CorsProperties.class)
            .orElseGet(CorsProperties::new);
    }

    /**
     * Binds {@code app.cors.*} afresh from the environment, validates and compiles it exactly as at startup, and
     * puts the result in force; a configuration that would not start the application is refused with one ERROR
     * line listing every problem, and the policies in force stay.
     *
     * @return whether the new policies are in force
     */
    public synchronized boolean refresh() {
        CorsPolicies refreshed;
        try {
            refreshed = this.compiler.compile(bind(), ConfigurationPropertySources.get(this.environment));
        }
        catch (InvalidCorsConfigurationException ex) {
            logger.error(refused(ex.problems()));
            return false;
        }
        catch (BindException ex) {
            logger.error(refused(List.of(problem(ex))));
            return false;
        }
        this.policies = refreshed;
        logger.info("CORS policies refreshed:" + System.lineSeparator() + refreshed);
        return true;
    }

    private static String refused(List<ConfigProblem> problems) {
        return ConfigProblem.render("CORS refresh refused, the previous policies stay in force", problems);
    }

    private static ConfigProblem problem(BindException ex) {
        ConfigurationProperty property = ex.getProperty();
        String name = (property != null) ? property.getName().toString() : ex.getName().toString();
        String value = (property != null) ? String.valueOf(property.getValue()) : "";
        Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
        return new ConfigProblem(name, value, "cannot be bound: " + cause.getMessage(),
                "give it a value of the property's type.");
    }

}
