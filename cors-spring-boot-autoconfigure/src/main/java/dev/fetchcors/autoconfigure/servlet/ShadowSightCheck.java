package dev.fetchcors.autoconfigure.servlet;

import java.util.ArrayList;
import java.util.List;

import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.shadow.HiddenFilters;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.boot.web.servlet.ServletContextInitializerBeans;
import org.springframework.web.filter.CorsFilter;

/**
 * Makes sure, before the server takes a request, that nothing hides requests from shadow mode: a {@code CorsFilter}
 * that sorts before the starter's filter answers preflights and refuses origins without passing them on. Spring's
 * own {@code CorsFilter} is watched wherever it sorts ({@link CorsFilterWitnesses}); a subclass of it cannot be, and
 * {@link HiddenFilters} names it, with its order and the order to give it. The filters are read as the server
 * registers them, plain {@code Filter} beans included, each with the order Boot gives it.
 */
final class ShadowSightCheck extends HiddenFilters {

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
        return hiding;
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
