package dev.fetchcors.autoconfigure.servlet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.web.SpringCorsLeftovers;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Finds, once every bean exists, the CORS configuration Spring MVC still applies on its own: {@code @CrossOrigin} on
 * the registered handler methods, the paths {@code addCorsMappings} registered, {@code CorsConfigurationSource} and
 * {@code CorsFilter} beans, and {@code CorsFilter}s in a {@code FilterRegistrationBean}; {@link SpringCorsLeftovers}
 * reports them.
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
            if (mapping.getCorsConfigurationSource() instanceof UrlBasedCorsConfigurationSource source
                    && !source.getCorsConfigurations().isEmpty()) {
                found.add("addCorsMappings for " + source.getCorsConfigurations().keySet());
            }
        }
        for (Map.Entry<String, CorsConfigurationSource> bean : this.beanFactory
            .getBeansOfType(CorsConfigurationSource.class, false, false)
            .entrySet()) {
            // Spring's own sources that only serve its handler mappings (HandlerMappingIntrospector) are not yours.
            if (!bean.getValue().getClass().getName().startsWith("org.springframework.web.servlet.handler.")) {
                found.add("CorsConfigurationSource bean '" + bean.getKey() + "'");
            }
        }
        this.beanFactory.getBeansOfType(CorsFilter.class, false, false)
            .keySet()
            .forEach((name) -> found.add("CorsFilter bean '" + name + "'"));
        // A CorsFilter registered by hand, as many guides show, often at the highest precedence.
        this.beanFactory.getBeansOfType(FilterRegistrationBean.class, false, false).forEach((name, registration) -> {
            if (registration.getFilter() instanceof CorsFilter) {
                found.add("CorsFilter in FilterRegistrationBean '" + name + "' (order " + registration.getOrder()
                        + ")");
            }
        });
        SpringCorsLeftovers.report(found,
                this.beanFactory.getBeanProvider(CorsPolicyResolver.class).getIfUnique());
    }

}
