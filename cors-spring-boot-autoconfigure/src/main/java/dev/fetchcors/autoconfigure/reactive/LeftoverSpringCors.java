package dev.fetchcors.autoconfigure.reactive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.web.SpringCorsLeftovers;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.reactive.config.CorsRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * Finds, once every bean exists, the CORS configuration Spring WebFlux still applies on its own:
 * {@code @CrossOrigin} on the registered handler methods, what the {@code WebFluxConfigurer} beans register in
 * {@code addCorsMappings}, and {@code CorsConfigurationSource} and {@code CorsWebFilter} beans;
 * {@link SpringCorsLeftovers} reports them.
 */
final class LeftoverSpringCors implements SmartInitializingSingleton {

    private final ListableBeanFactory beanFactory;

    LeftoverSpringCors(ListableBeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> found = new ArrayList<>();
        for (RequestMappingHandlerMapping mapping : this.beanFactory.getBeansOfType(RequestMappingHandlerMapping.class)
            .values()) {
            SpringCorsLeftovers.addCrossOrigins(mapping.getHandlerMethods().values(), found);
        }
        MappingsRegistry registry = new MappingsRegistry();
        this.beanFactory.getBeansOfType(WebFluxConfigurer.class, false, false)
            .values()
            .forEach((configurer) -> configurer.addCorsMappings(registry));
        if (!registry.paths().isEmpty()) {
            found.add("addCorsMappings for " + registry.paths().keySet());
        }
        for (Map.Entry<String, CorsConfigurationSource> bean : this.beanFactory
            .getBeansOfType(CorsConfigurationSource.class, false, false)
            .entrySet()) {
            found.add("CorsConfigurationSource bean '" + bean.getKey() + "'");
        }
        this.beanFactory.getBeansOfType(CorsWebFilter.class, false, false)
            .keySet()
            .forEach((name) -> found.add("CorsWebFilter bean '" + name + "'"));
        SpringCorsLeftovers.report(found,
                this.beanFactory.getBeanProvider(CorsPolicyResolver.class).getIfUnique());
    }

    /** A registry that says what was registered in it. */
    private static final class MappingsRegistry extends CorsRegistry {

        Map<String, CorsConfiguration> paths() {
            return getCorsConfigurations();
        }

    }

}
