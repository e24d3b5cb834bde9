package dev.fetchcors.autoconfigure.servlet;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

import dev.fetchcors.autoconfigure.web.SpringCorsLeftovers;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.boot.web.servlet.ServletContextInitializerBeans;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

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
        SpringCorsLeftovers.Found found = new SpringCorsLeftovers.Found();
        for (RequestMappingHandlerMapping mapping : this.beanFactory.getBeansOfType(RequestMappingHandlerMapping.class)
            .values()) {
            mapping.getHandlerMethods().forEach((info, method) -> found.handler(method, patterns(info)));
            if (mapping.getCorsConfigurationSource() instanceof UrlBasedCorsConfigurationSource source) {
                found.paths("addCorsMappings", source.getCorsConfigurations().keySet());
            }
        }
        for (Map.Entry<String, CorsConfigurationSource> bean : this.beanFactory
            .getBeansOfType(CorsConfigurationSource.class, false, false)
            .entrySet()) {
            // Spring's own sources that only serve its handler mappings (HandlerMappingIntrospector) are not yours.
            if (bean.getValue().getClass().getName().startsWith("org.springframework.web.servlet.handler.")) {
                continue;
            }
            String name = "CorsConfigurationSource bean '" + bean.getKey() + "'";
            if (bean.getValue() instanceof UrlBasedCorsConfigurationSource source) {
                found.paths(name, source.getCorsConfigurations().keySet());
            }
            else {
                found.everywhere(name);
            }
        }
        // The CorsFilters as the server registers them, a registration's or a bean's, each with the order Boot gives
        // it: one registered by hand, as many guides show, often sorts first.
        Set<String> beans = this.beanFactory.getBeansOfType(CorsFilter.class, false, false).keySet();
        for (ServletContextInitializer initializer : new ServletContextInitializerBeans(this.beanFactory)) {
            if (initializer instanceof FilterRegistrationBean<?> registration
                    && registration.getFilter() instanceof CorsFilter) {
                String filterName = registration.getFilterName();
                String name = (beans.contains(filterName) ? "CorsFilter bean '" + filterName + "'"
                        : "CorsFilter in FilterRegistrationBean '" + filterName + "'") + " (order "
                        + registration.getOrder() + ")";
                found.everywhere(name);
                if (registration.isEnabled() && registration.getOrder() < FetchCorsFilter.DEFAULT_ORDER) {
                    found.first(name);
                }
            }
        }
        found.report(this.beanFactory);
    }

    /** The patterns of a mapping, as its parser read them (the default parser's, for an ant-matched one). */
    private static Collection<PathPattern> patterns(RequestMappingInfo info) {
        if (info.getPathPatternsCondition() != null) {
            return info.getPathPatternsCondition().getPatterns();
        }
        return info.getPatternValues().stream().map(PathPatternParser.defaultInstance::parse).toList();
    }

}
