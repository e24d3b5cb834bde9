package dev.fetchcors.autoconfigure.servlet;

import java.util.Collection;
import java.util.List;

import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.InvalidCorsConfigurationException;
import dev.fetchcors.autoconfigure.policy.PropertiesCorsPolicyResolver;
import dev.fetchcors.autoconfigure.web.SpringWebCompatibility;
import dev.fetchcors.core.ConfigProblem;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Makes per-path policies select as Spring MVC routes, once its handler mappings exist and before the server takes
 * a request: patterns parsed by a parser of the application's own (case-insensitive, say) are parsed again with
 * it; and an application that routes with {@code AntPathMatcher}, which decodes and normalises the path a handler
 * is chosen on otherwise than the parsed path policies select on, does not start while it has per-path policies,
 * since a request could then be served by one handler and answered with another policy's headers; nor does a
 * refresh of the starter's policies add any then.
 */
final class MvcRouterCheck implements SmartInitializingSingleton {

    private final ListableBeanFactory beanFactory;

    private final ObjectProvider<CorsPolicyResolver> resolver;

    MvcRouterCheck(ListableBeanFactory beanFactory, ObjectProvider<CorsPolicyResolver> resolver) {
        this.beanFactory = beanFactory;
        this.resolver = resolver;
    }

    @Override
    public void afterSingletonsInstantiated() {
        CorsPolicyResolver resolver = this.resolver.getIfAvailable();
        // The starter's resolver learns the router even without per-path policies: a refresh may add some.
        boolean refreshable = resolver instanceof PropertiesCorsPolicyResolver;
        if (resolver == null || (!refreshable && resolver.policies().pathPolicies().isEmpty())) {
            return;
        }
        Collection<RequestMappingHandlerMapping> mappings = this.beanFactory
            .getBeansOfType(RequestMappingHandlerMapping.class, false, false)
            .values();
        PathPatternParser parser = null;
        for (RequestMappingHandlerMapping mapping : mappings) {
            if (mapping.getPatternParser() == null) {
                ConfigProblem problem = new ConfigProblem("spring.mvc.pathmatch.matching-strategy",
                        "ant-path-matcher",
                        "Spring MVC chooses handlers with AntPathMatcher, on a decoded and normalised path, while"
                                + " app.cors.policies select on the path as PathPatternParser parses it: a request"
                                + " could then be served by one handler and answered with another policy's CORS"
                                + " headers.",
                        "set spring.mvc.pathmatch.matching-strategy=path-pattern-parser (Spring's default, and the"
                                + " only one from Framework 7.1 on), or select policies in code with a"
                                + " CorsPolicyResolver bean.");
                if (resolver instanceof PropertiesCorsPolicyResolver properties) {
                    // Stops the startup now if there are per-path policies, and refuses any a refresh adds.
                    properties.refusePathPolicies(problem);
                    return;
                }
                throw new InvalidCorsConfigurationException(List.of(problem));
            }
            if (parser == null) {
                parser = mapping.getPatternParser();
            }
        }
        if (parser != null && !SpringWebCompatibility.matchesAsDefault(parser)
                && resolver instanceof PropertiesCorsPolicyResolver properties) {
            properties.followRouter(parser);
        }
    }

}
