package dev.fetchcors.autoconfigure;

import java.util.List;

import dev.fetchcors.core.CorsPolicy;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * Picks the policy for a request. It is the one place where a policy is chosen: the servlet filter, the reactive
 * WebFilter, the gateway and WebSocket support and the actuator endpoint all ask it, so they cannot disagree.
 *
 * <pre>{@code
 * @Bean
 * CorsPolicyResolver tenantCorsPolicies(TenantPolicies tenants) {
 *     return (request) -> tenants.policyForHost(request.header("Host"));   // a NamedCorsPolicy, or null
 * }
 * }</pre>
 *
 * <p>The starter's own resolver selects among the policies bound from {@code app.cors.*} by the path the
 * framework routes on; defining a bean of this type replaces it. Implementations are called on every request, on
 * any thread, so they must be fast and thread-safe: compile policies once, never per request.
 */
@FunctionalInterface
public interface CorsPolicyResolver {

    /**
     * The policy for a request.
     *
     * @param request the request's method, headers and routing path
     * @return the policy, or {@code null} to leave this request alone (no CORS headers, no {@code Vary})
     */
    @Nullable NamedCorsPolicy resolve(ServerCorsRequest request);

    /**
     * The policies this resolver chooses among, for the actuator endpoint and the startup log; empty for a
     * resolver that picks its policies in code.
     */
    default CorsPolicies policies() {
        return CorsPolicies.none();
    }

    /**
     * A resolver that applies one policy, named {@value CorsConfigCustomizer#DEFAULT_POLICY}, to every request.
     *
     * @param policy the policy
     * @return the resolver
     */
    static CorsPolicyResolver of(CorsPolicy policy) {
        Assert.notNull(policy, "'policy' must not be null");
        return CorsPolicies.of(NamedCorsPolicy.of(CorsConfigCustomizer.DEFAULT_POLICY, policy), List.of());
    }

}
