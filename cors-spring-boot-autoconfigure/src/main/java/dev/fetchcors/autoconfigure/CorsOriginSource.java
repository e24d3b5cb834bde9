package dev.fetchcors.autoconfigure;

import java.util.List;

/**
 * Allowed origins that live elsewhere than the configuration, such as the domains a SaaS application's tenants
 * bring, kept in a table. The starter loads every bean of this type at startup and then every
 * {@code app.cors.origin-source.refresh} (and at once on the actuator's {@code POST /actuator/cors} or a Spring
 * Cloud refresh), on a thread of its own, never on a request; checks each entry exactly as an entry of
 * {@code allowed-origins} (an invalid one is skipped and reported, and never widens the policy); and swaps the
 * result in beside the configured origins at once, so that a request sees the old set or the new one, never a mix.
 *
 * <pre>{@code
 * @Bean
 * CorsOriginSource tenantOrigins(TenantRepository tenants) {
 *     return () -> tenants.findActive().stream().map(Tenant::origin).toList();
 * }
 * }</pre>
 *
 * <p>A source that fails keeps its last good entries, and the failure is reported and retried: one that throws, one
 * whose {@code load()} has not returned within {@code app.cors.origin-source.timeout} (it is left to return on its
 * thread, and the source is not loaded again until it does), and one that returns more than
 * {@code app.cors.origin-source.max-rows} entries. With {@code app.cors.origin-source.query}, the starter defines
 * one itself, named {@code jdbc}, on the application's {@code DataSource}.
 */
@FunctionalInterface
public interface CorsOriginSource {

    /**
     * The current entries: exact origins ({@code https://portal.customer.com}), and, where {@link #allowsPatterns()}
     * says so, the patterns {@code allowed-origins} takes ({@code https://*.customer.com}). {@code *} is never
     * accepted from a source.
     *
     * @return the entries, in any order; {@code null} elements are reported as invalid
     * @throws Exception when they cannot be loaded now: the last good entries stay in force
     */
    List<String> load() throws Exception;

    /**
     * The policy the entries join: {@value CorsConfigCustomizer#DEFAULT_POLICY} (the default), or the name of a
     * per-path policy. Entries added to the default policy also reach the per-path policies that inherit its
     * origins.
     */
    default String policy() {
        return CorsConfigCustomizer.DEFAULT_POLICY;
    }

    /**
     * Whether an entry may be a pattern, granting every subdomain or port it covers: only where the entries are the
     * application's own, never where a tenant supplies them. Default {@code false}: an entry grants at most the
     * origin it names.
     */
    default boolean allowsPatterns() {
        return false;
    }

}
