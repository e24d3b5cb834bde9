package dev.fetchcors.autoconfigure.reactive;

import java.util.Map;

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
        SpringCorsLeftovers.Found found = new SpringCorsLeftovers.Found();
        for (RequestMappingHandlerMapping mapping : this.beanFactory.getBeansOfType(RequestMappingHandlerMapping.class)
            .values()) {
            mapping.getHandlerMethods()
                .forEach((info, method) -> found.handler(method, info.getPatternsCondition().getPatterns()));
        }
        MappingsRegistry registry = new MappingsRegistry();
        this.beanFactory.getBeansOfType(WebFluxConfigurer.class, false, false)
            .values()
            .forEach((configurer) -> configurer.addCorsMappings(registry));
        found.paths("addCorsMappings", registry.paths().keySet());
        for (Map.Entry<String, CorsConfigurationSource> bean : this.beanFactory
            .getBeansOfType(CorsConfigurationSource.class, false, false)
            .entrySet()) {
            // WebFlux's source does not list its paths: taken to answer every path.
            found.everywhere("CorsConfigurationSource bean '" + bean.getKey() + "'");
        }
        this.beanFactory.getBeansOfType(CorsWebFilter.class, false, false).forEach((name, filter) -> {
            int order = ShadowSightCheck.orderOf(this.beanFactory, name, filter);
            String described = "CorsWebFilter bean '" + name + "' (order " + order + ")";
            found.everywhere(described);
            if (order < FetchCorsWebFilter.DEFAULT_ORDER) {
                found.first(described);
            }
        });
        found.report(this.beanFactory);
    }

    /** A registry that says what was registered in it. */
    private static final class MappingsRegistry extends CorsRegistry {

        Map<String, CorsConfiguration> paths() {
            return getCorsConfigurations();
        }

    }

}
