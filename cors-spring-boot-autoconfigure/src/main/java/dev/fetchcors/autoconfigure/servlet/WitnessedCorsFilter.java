package dev.fetchcors.autoconfigure.servlet;

import java.io.IOException;
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.filter.CorsFilter;

/**
 * Spring's {@code CorsFilter}, where the application registered one, run under the starter's judgement
 * ({@link FetchCorsFilter#witness}): such a filter often sorts first and answers preflights and refuses origins
 * without passing them on, where shadow mode and candidate policies would never see them. It is still a
 * {@code CorsFilter} to whoever reads the bean or its registration, and keeps the watched filter's order, name and
 * life cycle.
 */
final class WitnessedCorsFilter extends CorsFilter {

    private final CorsFilter watched;

    private final Supplier<@Nullable FetchCorsFilter> adapter;

    WitnessedCorsFilter(CorsFilter watched, Supplier<@Nullable FetchCorsFilter> adapter) {
        super((request) -> null);
        this.watched = watched;
        this.adapter = adapter;
    }

    /** The filter it runs. */
    CorsFilter watched() {
        return this.watched;
    }

    /** Its own, so that the filter it watches, which has its name, does not take itself for having run already. */
    @Override
    protected String getAlreadyFilteredAttributeName() {
        return WitnessedCorsFilter.class.getName() + "@" + System.identityHashCode(this) + ".FILTERED";
    }

    @Override
    protected void initFilterBean() throws ServletException {
        FilterConfig config = getFilterConfig();
        if (config != null) {
            this.watched.init(config);
        }
    }

    @Override
    public void destroy() {
        this.watched.destroy();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        FetchCorsFilter adapter = this.adapter.get();
        if (adapter == null) {
            this.watched.doFilter(request, response, chain);
            return;
        }
        adapter.witness(this.watched, request, response, chain);
    }

}
