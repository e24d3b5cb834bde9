package dev.fetchcors.autoconfigure.reactive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.shadow.HiddenFilters;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.server.WebFilter;

/**
 * Makes sure, before the server takes a request, that nothing hides requests from shadow mode: a
 * {@code CorsWebFilter} that sorts before the starter's filter answers preflights and refuses origins without passing
 * them on. Spring's own {@code CorsWebFilter} is watched wherever it sorts ({@link CorsWebFilterWitnesses}); a
 * subclass of it cannot be, and {@link HiddenFilters} names it, with its order and the order to give it.
 */
final class ShadowSightCheck extends HiddenFilters {

    private final ListableBeanFactory beanFactory;

    ShadowSightCheck(ListableBeanFactory beanFactory, ObjectProvider<CorsPolicyResolver> resolver) {
        super(resolver);
        this.beanFactory = beanFactory;
    }

    @Override
    protected int starterOrder() {
        for (Map.Entry<String, WebFilter> filter : filters().entrySet()) {
            if (filter.getValue() instanceof FetchCorsWebFilter) {
                return orderOf(this.beanFactory, filter.getKey(), filter.getValue());
            }
        }
        return FetchCorsWebFilter.DEFAULT_ORDER;
    }

    @Override
    protected List<Filter> hiding(int starterOrder) {
        List<Filter> hiding = new ArrayList<>();
        for (Map.Entry<String, WebFilter> filter : filters().entrySet()) {
            if (filter.getValue() instanceof CorsWebFilter cors && !(cors instanceof WitnessedCorsWebFilter)) {
                int order = orderOf(this.beanFactory, filter.getKey(), cors);
                if (order < starterOrder) {
                    hiding.add(new Filter(filter.getKey(), cors.getClass(), order));
                }
            }
        }
        return hiding;
    }

    private Map<String, WebFilter> filters() {
        return this.beanFactory.getBeansOfType(WebFilter.class, false, false);
    }

    /** The order WebFlux sorts a filter bean by: its factory method's or class's {@code @Order}, or its own. */
    static int orderOf(ListableBeanFactory beanFactory, String name, WebFilter filter) {
        Order order = beanFactory.findAnnotationOnBean(name, Order.class);
        if (order != null) {
            return order.value();
        }
        return (filter instanceof Ordered ordered) ? ordered.getOrder() : Ordered.LOWEST_PRECEDENCE;
    }

}
