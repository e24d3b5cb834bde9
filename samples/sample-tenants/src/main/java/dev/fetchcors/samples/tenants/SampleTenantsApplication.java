package dev.fetchcors.samples.tenants;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A multi-tenant application whose allowed origins live in its database: each tenant's front end is on an origin
 * of its own, kept in the {@code tenant} table (H2 here), which the starter loads every two seconds
 * ({@code app.cors.origin-source.*} in {@code application.yml}). Start it and open {@code http://localhost:8086/}:
 * the page calls the API on {@code http://127.0.0.1:8086}, another origin, which is refused until the page adds its
 * own origin as a tenant.
 */
@SpringBootApplication
public class SampleTenantsApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleTenantsApplication.class, args);
    }

}
