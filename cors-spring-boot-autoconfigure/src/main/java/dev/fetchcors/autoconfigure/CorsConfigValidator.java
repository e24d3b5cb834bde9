package dev.fetchcors.autoconfigure;

import java.util.List;

import dev.fetchcors.core.ConfigProblem;
import dev.fetchcors.core.CorsConfig;

/**
 * A rule of your own for every policy the starter compiles from {@code app.cors.*}, checked with the engine's rules
 * at startup and on every refresh: its problems join theirs in the one report, and the application does not start
 * (a refresh is refused) while there is any.
 *
 * <pre>{@code
 * @Bean
 * CorsConfigValidator noCredentialsToPartners() {
 *     return (policyName, config) -> (policyName.equals("partner-api") && config.allowCredentials())
 *             ? List.of(new ConfigProblem(CorsConfig.Setting.ALLOW_CREDENTIALS.key(), "true",
 *                     "partners call this API from their servers, never with a user's cookies.", "set it to false."))
 *             : List.of();
 * }
 * }</pre>
 *
 * <p>Every bean of this type is asked, in {@link org.springframework.core.annotation.Order @Order}, once a policy's
 * configuration is complete (inherited and customized). Property names are relative to the policy, as the engine's
 * own are ({@code allow-credentials}); the report puts {@code app.cors.} or {@code app.cors.policies[n].} before
 * them, and a problem a per-path policy inherits is reported once, under the default policy.
 */
@FunctionalInterface
public interface CorsConfigValidator {

    /**
     * The problems of one policy's configuration.
     *
     * @param policyName {@value CorsConfigCustomizer#DEFAULT_POLICY}, or the {@code name} of an
     *        {@code app.cors.policies} entry
     * @param config the configuration, as it will be compiled
     * @return the problems, empty when there is none
     */
    List<ConfigProblem> validate(String policyName, CorsConfig config);

}
