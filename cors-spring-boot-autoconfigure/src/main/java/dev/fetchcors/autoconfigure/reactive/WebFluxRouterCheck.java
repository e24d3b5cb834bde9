package dev.fetchcors.autoconfigure.reactive;

import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.policy.PropertiesCorsPolicyResolver;
import dev.fetchcors.autoconfigure.web.SpringWebCompatibility;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Makes per-path policies select as Spring WebFlux routes, once its handler mappings exist and before the server
 * takes a request: where the application matches its own patterns otherwise than the default parser does
 * ({@code PathMatchConfigurer.setUseCaseSensitiveMatch(false)}), the policies' patterns are parsed again with the
 * router's parser.
 */
final class WebFluxRouterCheck implements SmartInitializingSingleton {

    private final ListableBeanFactory beanFactory;

    private final ObjectProvider<CorsPolicyResolver> resolver;

    WebFluxRouterCheck(ListableBeanFactory beanFactory, ObjectProvider<CorsPolicyResolver> resolver) {
        this.beanFactory = beanFactory;
        this.resolver = resolver;
    }

    @Override
    public void afterSingletonsInstantiated() {
        // Even without per-path policies now: a refresh may add some, and they must select as the router routes.
        if (!(this.resolver.getIfAvailable() instanceof PropertiesCorsPolicyResolver resolver)) {
            return;
        }
        for (RequestMappingHandlerMapping mapping : this.beanFactory
            .getBeansOfType(RequestMappingHandlerMapping.class, false, false)
            .values()) {
            PathPatternParser parser = mapping.getPathPatternParser();
            if (!SpringWebCompatibility.matchesAsDefault(parser)) {
                resolver.followRouter(parser);
                return;
            }
        }
    }

}
