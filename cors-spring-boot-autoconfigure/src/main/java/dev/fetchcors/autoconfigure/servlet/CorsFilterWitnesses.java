package dev.fetchcors.autoconfigure.servlet;

import java.util.function.Supplier;

import jakarta.servlet.Filter;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.web.filter.CorsFilter;

/**
 * Runs each of Spring's own {@code CorsFilter}s the application declares, as a bean or in a
 * {@code FilterRegistrationBean}, under the starter's judgement ({@link WitnessedCorsFilter}), so that shadow mode
 * and candidate policies see the requests it answers whatever its order. A subclass of {@code CorsFilter} is left as
 * it is (replacing it would change the bean's type); {@link ShadowSightCheck} names it where it hides requests.
 */
final class CorsFilterWitnesses implements BeanPostProcessor, SmartInitializingSingleton {

    private final Adapter adapter;

    private boolean watching;

    CorsFilterWitnesses(ListableBeanFactory beanFactory) {
        this.adapter = new Adapter(beanFactory);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof FilterRegistrationBean<?> registration && isPlainCorsFilter(registration.getFilter())) {
            ((FilterRegistrationBean<Filter>) registration)
                .setFilter(new WitnessedCorsFilter((CorsFilter) registration.getFilter(), this.adapter));
            this.watching = true;
            return bean;
        }
        if (isPlainCorsFilter(bean)) {
            this.watching = true;
            return new WitnessedCorsFilter((CorsFilter) bean, this.adapter);
        }
        return bean;
    }

    private static boolean isPlainCorsFilter(@Nullable Object filter) {
        return filter != null && filter.getClass() == CorsFilter.class;
    }

    /**
     * Tells the starter's filter, before the server takes a request, that filters are watched: it then leaves its
     * judgement for a watched filter that runs after it, which judges nothing again.
     */
    @Override
    public void afterSingletonsInstantiated() {
        FetchCorsFilter adapter = this.watching ? this.adapter.get() : null;
        if (adapter != null) {
            adapter.watching();
        }
    }

    /** The starter's filter, as registered, looked up once on the first request a witness sees. */
    private static final class Adapter implements Supplier<@Nullable FetchCorsFilter> {

        private final ListableBeanFactory beanFactory;

        private volatile boolean found;

        private volatile @Nullable FetchCorsFilter filter;

        Adapter(ListableBeanFactory beanFactory) {
            this.beanFactory = beanFactory;
        }

        @Override
        public @Nullable FetchCorsFilter get() {
            if (!this.found) {
                this.filter = find();
                this.found = true;
            }
            return this.filter;
        }

        private @Nullable FetchCorsFilter find() {
            for (FilterRegistrationBean<?> registration : this.beanFactory
                .getBeansOfType(FilterRegistrationBean.class, false, false)
                .values()) {
                if (registration.getFilter() instanceof FetchCorsFilter filter) {
                    return filter;
                }
            }
            return this.beanFactory.getBeanProvider(FetchCorsFilter.class).getIfUnique();
        }

    }

}
