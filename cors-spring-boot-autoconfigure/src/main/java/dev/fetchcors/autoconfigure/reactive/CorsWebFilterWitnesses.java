package dev.fetchcors.autoconfigure.reactive;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.web.cors.reactive.CorsWebFilter;

/**
 * Runs each of Spring's own {@code CorsWebFilter} beans under the starter's judgement
 * ({@link WitnessedCorsWebFilter}), so that shadow mode and candidate policies see the exchanges it answers whatever
 * its order. A subclass of {@code CorsWebFilter} is left as it is (replacing it would change the bean's type);
 * {@link ShadowSightCheck} names it where it hides requests.
 */
final class CorsWebFilterWitnesses implements BeanPostProcessor, SmartInitializingSingleton {

    private final Adapter adapter;

    private boolean watching;

    CorsWebFilterWitnesses(ListableBeanFactory beanFactory) {
        this.adapter = new Adapter(beanFactory);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean.getClass() == CorsWebFilter.class) {
            this.watching = true;
            return new WitnessedCorsWebFilter((CorsWebFilter) bean, this.adapter);
        }
        return bean;
    }

    /**
     * Tells the starter's filter, before the server takes a request, that filters are watched: it then leaves its
     * judgement for a watched filter that runs after it, which judges nothing again.
     */
    @Override
    public void afterSingletonsInstantiated() {
        FetchCorsWebFilter adapter = this.watching ? this.adapter.get() : null;
        if (adapter != null) {
            adapter.watching();
        }
    }

    /** The starter's filter, looked up once on the first exchange a witness sees. */
    private static final class Adapter implements Supplier<@Nullable FetchCorsWebFilter> {

        private final ListableBeanFactory beanFactory;

        private volatile boolean found;

        private volatile @Nullable FetchCorsWebFilter filter;

        Adapter(ListableBeanFactory beanFactory) {
            this.beanFactory = beanFactory;
        }

        @Override
        public @Nullable FetchCorsWebFilter get() {
            if (!this.found) {
                this.filter = this.beanFactory.getBeanProvider(FetchCorsWebFilter.class).getIfUnique();
                this.found = true;
            }
            return this.filter;
        }

    }

}
