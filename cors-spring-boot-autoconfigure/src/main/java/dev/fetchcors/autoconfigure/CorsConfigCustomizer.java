package dev.fetchcors.autoconfigure;

import dev.fetchcors.core.CorsConfig;

/**
 * Adjusts, in code, a policy bound from {@code app.cors.*} before it is compiled. Every customizer bean is called
 * for every property-bound policy, in {@link org.springframework.core.annotation.Order @Order}; the result is
 * validated like the properties themselves, so a mistake stops the application at startup.
 *
 * <pre>{@code
 * @Bean
 * CorsConfigCustomizer partnerOrigins(PartnerRegistry partners) {
 *     return (policyName, builder) -> {
 *         if (policyName.equals("partner-api")) {
 *             builder.addAllowedOrigins(partners.origins().toArray(String[]::new));
 *         }
 *     };
 * }
 * }</pre>
 *
 * <p>A per-path policy starts from the customized default policy, then takes its own properties, then is
 * customized under its own name.
 */
@FunctionalInterface
public interface CorsConfigCustomizer {

    /** The name under which the default (top-level {@code app.cors.*}) policy is customized. */
    String DEFAULT_POLICY = "default";

    /**
     * Customizes one policy.
     *
     * @param policyName {@value #DEFAULT_POLICY}, or the {@code name} of an {@code app.cors.policies} entry
     * @param builder the policy's configuration so far
     */
    void customize(String policyName, CorsConfig.Builder builder);

}
