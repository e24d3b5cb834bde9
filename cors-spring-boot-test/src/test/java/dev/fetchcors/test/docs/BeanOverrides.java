package dev.fetchcors.test.docs;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import dev.fetchcors.autoconfigure.CorsConfigCustomizer;
import dev.fetchcors.autoconfigure.CorsConfigValidator;
import dev.fetchcors.autoconfigure.CorsDecisionObserver;
import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.NamedCorsPolicy;
import dev.fetchcors.autoconfigure.servlet.CorsServletAutoConfiguration;
import dev.fetchcors.autoconfigure.servlet.FetchCorsFilter;
import dev.fetchcors.core.ConfigProblem;
import dev.fetchcors.core.CorsConfig;
import dev.fetchcors.core.CorsDecision;
import dev.fetchcors.core.CorsPolicy;
import dev.fetchcors.core.OriginCheck;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * The beans docs/overriding-with-beans.md shows, each in a configuration of its own, with the application's own
 * registries they read. Not {@code @Configuration}s, so that scanning the package of {@link DocsApplication} leaves
 * them out: each test of {@code BeanOverridesTests} names the one it starts with.
 */
final class BeanOverrides {

    private BeanOverrides() {
    }

    /** Where an application keeps its tenants: here, one. */
    interface TenantRepository {

        boolean isRegisteredOrigin(String origin);

    }

    /** The partners of an application: here, one. */
    interface PartnerRegistry {

        List<String> origins();

    }

    /** A policy per tenant, chosen by host. */
    interface TenantPolicies {

        @Nullable NamedCorsPolicy policyForHost(@Nullable String host);

    }

    /** An application's audit trail: here, counts per reason. */
    static final class AuditLog {

        final Map<String, LongAdder> notes = new ConcurrentHashMap<>();

        void note(@Nullable Object what) {
            this.notes.computeIfAbsent(String.valueOf(what), (key) -> new LongAdder()).increment();
        }

    }

    static class OriginCheckBean {

        @Bean
        TenantRepository tenantRepository() {
            return "https://tenant.example"::equals;
        }

        // A dynamic origin check (origins kept in a database), consulted for origins the properties do not list.
        // Its answer must depend on the origin alone; Vary: Origin is always sent. Cache what it looks up.
        @Bean
        OriginCheck originCheck(TenantRepository tenants) {
            return origin -> tenants.isRegisteredOrigin(origin);
        }

    }

    static class CustomizerBean {

        @Bean
        PartnerRegistry partnerRegistry() {
            return () -> List.of("https://partner.example");
        }

        // Adjust the property-bound policies in code: "default" is the top-level policy, the others go by name.
        // Customizers run in @Order; the result is validated like the properties.
        @Bean
        CorsConfigCustomizer partnerOrigins(PartnerRegistry partners) {
            return (policyName, builder) -> {
                if (policyName.equals("partner-api")) {
                    builder.addAllowedOrigins(partners.origins().toArray(String[]::new));
                }
            };
        }

    }

    static class ValidatorBean {

        // A rule of your own, checked with the engine's at startup and on every refresh; its problems join the report.
        @Bean
        CorsConfigValidator noCredentials() {
            return (name, config) -> config.allowCredentials()
                    ? List.of(new ConfigProblem(CorsConfig.Setting.ALLOW_CREDENTIALS.key(), "true",
                            "not in this company.", "set it to false."))
                    : List.of();
        }

    }

    static class PolicyBean {

        // A whole default policy instead of the top-level properties (per-path policies inherit from it).
        @Bean
        CorsPolicy corsPolicy() {
            return CorsPolicy.compile(CorsConfig.builder()
                    .allowedOrigins("https://app.example.com")
                    .allowCredentials(true)
                    .build());
        }

    }

    static class ResolverBean {

        @Bean
        TenantPolicies tenantPolicies() {
            NamedCorsPolicy acme = NamedCorsPolicy.of("acme",
                    CorsPolicy.compile(CorsConfig.builder().allowedOrigins("https://acme.example").build()));
            return (host) -> (host != null && host.startsWith("acme.localhost")) ? acme : null;
        }

        // Pick the policy per request yourself (multi-tenant); null leaves the request alone.
        @Bean
        CorsPolicyResolver tenantCorsPolicies(TenantPolicies tenants) {
            return request -> tenants.policyForHost(request.header("Host"));   // a NamedCorsPolicy
        }

    }

    static class ObserverBean {

        @Bean
        AuditLog auditLog() {
            return new AuditLog();
        }

        // Told of every decision, on the request's thread: keep it fast, never block, never throw.
        @Bean
        CorsDecisionObserver refusedPreflights(AuditLog audit) {
            return CorsDecisionObserver.withRequest((decision, policy, request) -> {
                if (decision.kind() == CorsDecision.Kind.PREFLIGHT && !decision.isAllowed()) {
                    audit.note(policy + " " + request.path().value() + ": " + decision.reason(request));
                }
            });
        }

    }

    static class OwnFilter {

        @Bean
        FilterRegistrationBean<FetchCorsFilter> myCorsFilter(CorsPolicy policy) {
            return CorsServletAutoConfiguration.registration(new FetchCorsFilter(CorsPolicyResolver.of(policy)));
        }

        @Bean
        CorsPolicy corsPolicy() {
            return CorsPolicy.compile(CorsConfig.builder().allowedOrigins("https://own.example").build());
        }

    }

}
