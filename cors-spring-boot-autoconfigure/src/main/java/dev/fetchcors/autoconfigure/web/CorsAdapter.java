package dev.fetchcors.autoconfigure.web;

import org.apache.commons.logging.Log;
import org.springframework.core.Ordered;
import org.springframework.util.Assert;

/**
 * What the servlet {@code Filter} and the reactive {@code WebFilter} are alike: an adapter over one {@link CorsStep},
 * ordered where CORS must run on either stack.
 */
public abstract class CorsAdapter implements Ordered {

    /**
     * Before Spring Security's filter chain (-100 on both stacks), so preflights never meet authentication and a
     * 401 or 403 carries the CORS headers; on the servlet stack after Spring Boot's observation filter
     * ({@code HIGHEST_PRECEDENCE + 1}), so refused requests are observed.
     */
    public static final int DEFAULT_ORDER = -110;

    /** The decision step, explaining refusals under the adapter's own logger. */
    protected final CorsStep step;

    /**
     * An adapter over a step.
     *
     * @param step the decision step
     * @param logger the adapter's logger, whose name users turn on to read why a request was refused
     */
    protected CorsAdapter(CorsStep step, Log logger) {
        Assert.notNull(step, "'step' must not be null");
        this.step = step.loggingTo(logger);
    }

    @Override
    public int getOrder() {
        return DEFAULT_ORDER;
    }

}
