package dev.fetchcors.autoconfigure.shadow;

import java.util.ArrayList;
import java.util.List;

import dev.fetchcors.autoconfigure.CorsPolicies;
import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.InvalidCorsConfigurationException;
import dev.fetchcors.autoconfigure.NamedCorsPolicy;
import dev.fetchcors.core.ConfigProblem;
import dev.fetchcors.core.CorsConfig;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * What each web adapter checks before the server takes a request, while a policy is compared: the filters of the
 * application's that sort before its own and may answer requests without passing them on (a subclass of Spring's
 * {@code CorsFilter} or {@code CorsWebFilter}, which the starter cannot watch), as each stack finds them. While a
 * policy is in shadow mode the application does not start with one, since the report would miss those requests; with
 * candidate policies only, a WARN says the same.
 */
public abstract class HiddenFilters implements SmartInitializingSingleton {

    private static final Log logger = LogFactory.getLog(HiddenFilters.class);

    private final ObjectProvider<CorsPolicyResolver> resolver;

    /**
     * A check of the policies the given resolver holds once every bean exists.
     *
     * @param resolver the resolver, if the application has one
     */
    protected HiddenFilters(ObjectProvider<CorsPolicyResolver> resolver) {
        this.resolver = resolver;
    }

    @Override
    public final void afterSingletonsInstantiated() {
        CorsPolicyResolver resolver = this.resolver.getIfAvailable();
        if (resolver == null || !resolver.policies().isCompared()) {
            return;
        }
        int order = starterOrder();
        check(resolver.policies(), hiding(order), order);
    }

    /** The order of the starter's filter, as the stack sorts it. */
    protected abstract int starterOrder();

    /**
     * The filters that sort before the starter's and may answer requests themselves, unwatched.
     *
     * @param starterOrder the order of the starter's filter
     * @return the filters
     */
    protected abstract List<Filter> hiding(int starterOrder);

    /**
     * A filter that runs before the starter's.
     *
     * @param name its name (the bean's, or its registration's)
     * @param type its class
     * @param order its order
     */
    public record Filter(String name, Class<?> type, int order) {
    }

    /**
     * Fails, or warns, when filters hide requests from the policies being compared.
     *
     * @param policies the policies in force, some of them compared
     * @param hiding the filters that sort before the starter's and may answer requests themselves
     * @param order the starter's filter's order
     * @throws InvalidCorsConfigurationException when a policy is in shadow mode and a filter hides requests
     */
    static void check(CorsPolicies policies, List<Filter> hiding, int order) {
        if (hiding.isEmpty()) {
            return;
        }
        String shadowProperty = shadowProperty(policies);
        List<ConfigProblem> problems = new ArrayList<>();
        for (Filter filter : hiding) {
            problems.add(new ConfigProblem((shadowProperty != null) ? shadowProperty : "app.cors.candidate",
                    (shadowProperty != null) ? "shadow" : "(set)",
                    "filter '" + filter.name() + "' (" + filter.type().getName() + ", order " + filter.order()
                            + ") runs before the starter's filter (order " + order + ") and answers preflights and"
                            + " refuses origins without passing them on: the report would miss every difference on"
                            + " those requests.",
                    "give it an order after the starter's filter (" + (order + 1) + " or later; Spring Security's"
                            + " filters run at -100), or declare Spring's own CORS filter class itself, which the"
                            + " starter watches whatever its order."));
        }
        if (shadowProperty != null) {
            throw new InvalidCorsConfigurationException(problems);
        }
        logger.warn(ConfigProblem.render("Candidate policies cannot see every request", problems));
    }

    /** The property that puts a policy in shadow mode, or {@code null} when none is (candidates only). */
    private static @Nullable String shadowProperty(CorsPolicies policies) {
        NamedCorsPolicy defaultPolicy = policies.defaultPolicy();
        if (defaultPolicy != null && defaultPolicy.policy().config().mode() == CorsConfig.Mode.SHADOW) {
            return "app.cors.mode";
        }
        List<NamedCorsPolicy> pathPolicies = policies.pathPolicies();
        for (int i = 0; i < pathPolicies.size(); i++) {
            if (pathPolicies.get(i).policy().config().mode() == CorsConfig.Mode.SHADOW) {
                return "app.cors.policies[" + i + "].mode";
            }
        }
        return null;
    }

}
