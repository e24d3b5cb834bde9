package dev.fetchcors.autoconfigure.web;

import java.util.Collection;

import dev.fetchcors.autoconfigure.CorsPolicies;
import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.NamedCorsPolicy;
import dev.fetchcors.core.CorsConfig;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.method.HandlerMethod;

/**
 * Says once, at WARN, which of Spring's own CORS configuration the application still has ({@code @CrossOrigin},
 * {@code addCorsMappings}, {@code CorsConfigurationSource}, {@code CorsFilter} and {@code CorsWebFilter} beans), as
 * each web adapter found it in Spring's registered mappings and beans, and what the starter does instead.
 */
public final class SpringCorsLeftovers {

    private static final Log logger = LogFactory.getLog(SpringCorsLeftovers.class);

    private SpringCorsLeftovers() {
    }

    /**
     * Adds each handler method that carries {@code @CrossOrigin}, on the method or on its class, as Spring MVC and
     * WebFlux both read it.
     *
     * @param methods the handler methods of one handler mapping
     * @param found where to add what was found
     */
    public static void addCrossOrigins(Collection<HandlerMethod> methods, Collection<String> found) {
        for (HandlerMethod method : methods) {
            if (AnnotatedElementUtils.hasAnnotation(method.getMethod(), CrossOrigin.class)
                    || AnnotatedElementUtils.hasAnnotation(method.getBeanType(), CrossOrigin.class)) {
                found.add("@CrossOrigin on " + method.getBeanType().getSimpleName() + "#"
                        + method.getMethod().getName());
            }
        }
    }

    /**
     * Logs one WARN naming what was found, if anything.
     *
     * @param found what was found, each as a person reads it ({@code @CrossOrigin on OrderController#update})
     * @param resolver the starter's resolver, when a policy is in force, or {@code null} while the starter waits for
     *        its first origin
     */
    public static void report(Collection<String> found, @Nullable CorsPolicyResolver resolver) {
        if (found.isEmpty()) {
            return;
        }
        if (resolver == null) {
            logger.warn("Spring's own CORS configuration is present: " + String.join(", ", found) + ". The starter"
                    + " does nothing until an origin is allowed: move what Spring's configuration allows to"
                    + " app.cors.* (set app.cors.allowed-origins first; docs/migration.md lists Spring's implicit"
                    + " defaults, and that Spring refuses with 403 the requests of every other origin, as the starter"
                    + " does), then remove it.");
            return;
        }
        if (allInShadowMode(resolver.policies())) {
            logger.warn("Spring's own CORS configuration is present: " + String.join(", ", found) + ". It still"
                    + " answers, since app.cors.mode is shadow: the starter only compares its policy's answers with"
                    + " Spring's and reports each difference (actuator endpoint cors, metric cors.shadow.differences,"
                    + " a WARN per difference). Once it reports none, set app.cors.mode=enforce and remove Spring's"
                    + " configuration (docs/migration.md).");
            return;
        }
        logger.warn("Spring's own CORS configuration is still present: " + String.join(", ", found) + ". The starter"
                + " answers every preflight before it, writes the CORS headers of every response it allows, and"
                + " refuses with 403 the requests of the origins app.cors.* refuses, as Spring's configuration refused"
                + " those of the origins it did not allow; Spring's configuration now only sees what the starter lets"
                + " through. Move what it allows to app.cors.* (docs/migration.md, which lists Spring's implicit"
                + " defaults) and remove it.");
    }

    private static boolean allInShadowMode(CorsPolicies policies) {
        if (policies.isEmpty()) {
            return false;
        }
        NamedCorsPolicy defaultPolicy = policies.defaultPolicy();
        if (defaultPolicy != null && defaultPolicy.policy().config().mode() != CorsConfig.Mode.SHADOW) {
            return false;
        }
        return policies.pathPolicies()
            .stream()
            .allMatch((policy) -> policy.policy().config().mode() == CorsConfig.Mode.SHADOW);
    }

}
