package dev.fetchcors.autoconfigure.servlet;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.shadow.HiddenFilters;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.boot.web.servlet.ServletContextInitializerBeans;
import org.springframework.util.ClassUtils;
import org.springframework.web.filter.CorsFilter;

/**
 * Makes sure, before the server takes a request, that nothing hides requests from shadow mode: a {@code CorsFilter}
 * that sorts before the starter's filter answers preflights and refuses origins without passing them on. Spring's
 * own {@code CorsFilter} is watched wherever it sorts ({@link CorsFilterWitnesses}); a subclass of it cannot be, and
 * {@link HiddenFilters} names it, with its order and the order to give it. The filters are read as the server
 * registers them, plain {@code Filter} beans included, each with the order Boot gives it; Spring Security's chain
 * too, where {@code spring.security.filter.order} puts it before the starter and {@code http.cors()} adds a
 * {@code CorsFilter} to it.
 */
final class ShadowSightCheck extends HiddenFilters {

    private static final String FILTER_CHAIN_PROXY = "org.springframework.security.web.FilterChainProxy";

    private final ListableBeanFactory beanFactory;

    ShadowSightCheck(ListableBeanFactory beanFactory, ObjectProvider<CorsPolicyResolver> resolver) {
        super(resolver);
        this.beanFactory = beanFactory;
    }

    @Override
    protected int starterOrder() {
        for (FilterRegistrationBean<?> registration : registrations()) {
            if (registration.getFilter() instanceof FetchCorsFilter) {
                return registration.getOrder();
            }
        }
        return FetchCorsFilter.DEFAULT_ORDER;
    }

    @Override
    protected List<Filter> hiding(int starterOrder) {
        List<Filter> hiding = new ArrayList<>();
        for (FilterRegistrationBean<?> registration : registrations()) {
            if (registration.getFilter() instanceof CorsFilter filter && !(filter instanceof WitnessedCorsFilter)
                    && registration.getOrder() < starterOrder) {
                hiding.add(new Filter(registration.getFilterName(), filter.getClass(), registration.getOrder()));
            }
        }
        for (ServletContextInitializer initializer : new ServletContextInitializerBeans(this.beanFactory)) {
            if (initializer instanceof DelegatingFilterProxyRegistrationBean proxy && proxy.isEnabled()
                    && proxy.getOrder() < starterOrder) {
                // Spring Security's chain, ordered before the starter (spring.security.filter.order): the CorsFilter
                // of http.cors() answers inside it.
                for (jakarta.servlet.Filter filter : securityFilters()) {
                    if (filter instanceof CorsFilter) {
                        hiding.add(new Filter(proxy.getFilterName() + " (Spring Security's http.cors(), ordered by"
                                + " spring.security.filter.order)", filter.getClass(), proxy.getOrder()));
                        break;
                    }
                }
            }
        }
        return hiding;
    }

    /** The filters of every Spring Security filter chain, read by name: Spring Security is optional. */
    private List<jakarta.servlet.Filter> securityFilters() {
        List<jakarta.servlet.Filter> filters = new ArrayList<>();
        ClassLoader classLoader = getClass().getClassLoader();
        if (!ClassUtils.isPresent(FILTER_CHAIN_PROXY, classLoader)) {
            return filters;
        }
        try {
            Class<?> type = ClassUtils.forName(FILTER_CHAIN_PROXY, classLoader);
            Method chainsOf = type.getMethod("getFilterChains");
            for (Object proxy : this.beanFactory.getBeansOfType(type, false, false).values()) {
                for (Object chain : (List<?>) chainsOf.invoke(proxy)) {
                    Object chainFilters = chain.getClass().getMethod("getFilters").invoke(chain);
                    for (Object filter : (List<?>) chainFilters) {
                        if (filter instanceof jakarta.servlet.Filter servletFilter) {
                            filters.add(servletFilter);
                        }
                    }
                }
            }
        }
        catch (ReflectiveOperationException | LinkageError | RuntimeException ex) {
            // A Security line whose API differs: nothing found, as without Security.
        }
        return filters;
    }

    private List<FilterRegistrationBean<?>> registrations() {
        List<FilterRegistrationBean<?>> registrations = new ArrayList<>();
        for (ServletContextInitializer initializer : new ServletContextInitializerBeans(this.beanFactory)) {
            if (initializer instanceof FilterRegistrationBean<?> registration && registration.isEnabled()) {
                registrations.add(registration);
            }
        }
        return registrations;
    }

}
