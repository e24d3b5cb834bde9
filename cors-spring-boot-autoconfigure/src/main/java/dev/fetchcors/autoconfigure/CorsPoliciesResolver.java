package dev.fetchcors.autoconfigure;

import dev.fetchcors.core.CorsPolicy;
import dev.fetchcors.core.CorsRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * The starter's {@link CorsPolicyResolver}: picks a policy by request path from a {@link CorsPolicies} snapshot,
 * which {@link #update(CorsPolicies)} replaces atomically while requests are being served.
 *
 * <pre>{@code
 * resolver.update(CorsPolicies.of(CorsPolicy.compile(newConfig), List.of()));
 * }</pre>
 */
public final class CorsPoliciesResolver implements CorsPolicyResolver {

    private volatile CorsPolicies policies;

    /**
     * A resolver over the given policies.
     *
     * @param policies the policies to start with
     */
    public CorsPoliciesResolver(CorsPolicies policies) {
        Assert.notNull(policies, "'policies' must not be null");
        this.policies = policies;
    }

    @Override
    public @Nullable CorsPolicy resolve(String path, CorsRequest request) {
        return this.policies.policyFor(path);
    }

    /** The policies in force. */
    public CorsPolicies policies() {
        return this.policies;
    }

    /**
     * Replaces every policy at once; requests already being evaluated finish with the previous ones.
     *
     * @param policies the new policies
     */
    public void update(CorsPolicies policies) {
        Assert.notNull(policies, "'policies' must not be null");
        this.policies = policies;
    }

}
