package dev.fetchcors.autoconfigure.policy;

import java.util.List;

import dev.fetchcors.autoconfigure.CorsPolicies;
import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.CorsProperties;
import dev.fetchcors.autoconfigure.InvalidCorsConfigurationException;
import dev.fetchcors.autoconfigure.NamedCorsPolicy;
import dev.fetchcors.autoconfigure.ServerCorsRequest;
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

    /** The properties the policies in force were compiled from. */
    private CorsProperties properties;

    /** What the origin sources last loaded, compiled into the policies in force. */
    private SourcedOrigins sourced = SourcedOrigins.NONE;

    /** What became of the sourced entries in the compilation of the policies in force. */
    private volatile SourcedOrigins.Outcome outcome = new SourcedOrigins.Outcome();

    PropertiesCorsPolicyResolver(CorsPoliciesCompiler compiler, Environment environment, CorsProperties properties) {
        this.compiler = compiler;
        this.environment = environment;
        this.properties = properties;
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
     * What the origin sources gave a policy in force: the entries that follow its configured origins at the end of
     * its allowed origins, by source (a per-path policy that inherits the default's origins inherits its sources'
     * entries too). For the CORS surface, which names a source rather than the origins it holds.
     *
     * @param policy the policy's name
     * @return each source's contribution, empty when no source gave the policy anything
     */
    public List<SourcedOrigins.Contribution> sourcedOrigins(String policy) {
        return this.outcome.contributions(policy);
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
        CorsProperties bound = bind();
        SourcedOrigins.Outcome outcome = new SourcedOrigins.Outcome();
        this.policies = this.compiler.compile(bound, ConfigurationPropertySources.get(this.environment), this.sourced,
                outcome);
        this.outcome = outcome;
        this.properties = bound;
    }

    /**
     * Refuses per-path policies from now on, whenever they come: the application's router is one they cannot follow.
     * Called at startup by the web adapter's auto-configuration, which found it; the policies in force are compiled
     * again, so that a per-path policy configured now stops the startup with the given problem, and one added by a
     * later {@link #refresh()} is refused with it, as startup would refuse it.
     *
     * @param problem what is wrong with the router, and the fix
     * @throws InvalidCorsConfigurationException when per-path policies are configured now
     */
    public synchronized void refusePathPolicies(ConfigProblem problem) {
        CorsPoliciesCompiler compiler = this.compiler.refusingPathPolicies(problem);
        CorsProperties bound = bind();
        SourcedOrigins.Outcome outcome = new SourcedOrigins.Outcome();
        this.policies = compiler.compile(bound, ConfigurationPropertySources.get(this.environment), this.sourced,
                outcome);
        this.outcome = outcome;
        this.compiler = compiler;
        this.properties = bound;
    }

    /**
     * Puts the origin sources' entries in force beside the configured origins: compiled with the properties in
     * force, each entry checked against the configuration of the policy it joins, and swapped in at once.
     *
     * @param loaded what every source last loaded
     * @return what became of each source's entries
     * @throws InvalidCorsConfigurationException when the configuration in force no longer compiles (the policies
     *         in force stay)
     */
    public synchronized SourcedOrigins.Outcome useSourcedOrigins(SourcedOrigins loaded) {
        SourcedOrigins.Outcome outcome = new SourcedOrigins.Outcome();
        CorsPolicies compiled = this.compiler.compile(this.properties,
                ConfigurationPropertySources.get(this.environment), loaded, outcome);
        this.sourced = loaded;
        this.policies = compiled;
        this.outcome = outcome;
        return outcome;
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
        CorsProperties bound;
        SourcedOrigins.Outcome outcome = new SourcedOrigins.Outcome();
        try {
            bound = bind();
            refreshed = this.compiler.compile(bound, ConfigurationPropertySources.get(this.environment), this.sourced,
                    outcome);
        }
        catch (InvalidCorsConfigurationException ex) {
            logger.error(refused(ex.problems()));
            return false;
        }
        catch (BindException ex) {
            logger.error(refused(List.of(problem(ex))));
            return false;
        }
        this.properties = bound;
        this.policies = refreshed;
        this.outcome = outcome;
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
