package dev.fetchcors.autoconfigure;

import dev.fetchcors.core.CorsPolicy;
import dev.fetchcors.core.CorsRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * Picks the {@link CorsPolicy} that applies to a request; both web adapters ask it once per request (and once
 * more on a servlet error dispatch).
 *
 * <pre>{@code
 * @Bean
 * CorsPolicyResolver tenantCorsPolicies(TenantPolicies tenants) {
 *     return (path, request) -> tenants.policyForHost(request.header("Host"));
 * }
 * }</pre>
 *
 * <p>Defining a bean of this type replaces the policies bound from {@code app.cors.*}. The starter's own resolver
 * is a {@link CorsPoliciesResolver}. Implementations are called on every request, on any thread, so they must be
 * fast and thread-safe; compile policies once, never per request.
 */
@FunctionalInterface
public interface CorsPolicyResolver {

    /**
     * The policy for a request.
     *
     * @param path the request path within the application, still percent-encoded, without the context path
     * @param request a read-only view of the request
     * @return the policy, or {@code null} to leave this request alone (no CORS headers, no {@code Vary})
     */
    @Nullable CorsPolicy resolve(String path, CorsRequest request);

    /**
     * A resolver that applies one policy to every request.
     *
     * @param policy the policy
     * @return the resolver
     */
    static CorsPolicyResolver of(CorsPolicy policy) {
        Assert.notNull(policy, "'policy' must not be null");
        return (path, request) -> policy;
    }

}
