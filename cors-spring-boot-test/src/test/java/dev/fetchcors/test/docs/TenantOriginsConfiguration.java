package dev.fetchcors.test.docs;

import java.util.List;

import dev.fetchcors.autoconfigure.CorsOriginSource;

import org.springframework.context.annotation.Bean;

/**
 * The origin source bean docs/dynamic-origins.md shows, over a repository of the application's. Not a
 * {@code @Configuration}, so that scanning the package of {@link DocsApplication} leaves it out: the test that
 * needs it names it.
 */
class TenantOriginsConfiguration {

    @Bean
    CorsOriginSource tenantOrigins(TenantRepository tenants) {
        return () -> tenants.findActive().stream().map(Tenant::origin).toList();
    }

    @Bean
    TenantRepository tenantRepository() {
        return () -> List.of(new Tenant("https://portal.customer.com"), new Tenant("https://acme.example-saas.com"));
    }

    /** A tenant, with the origin of its front end. */
    record Tenant(String origin) {
    }

    /** What an application keeps its tenants in. */
    interface TenantRepository {

        List<Tenant> findActive();

    }

}
