package dev.fetchcors.autoconfigure.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.fetchcors.autoconfigure.CorsPolicies;
import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.NamedCorsPolicy;
import dev.fetchcors.core.CorsConfig;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import dev.fetchcors.autoconfigure.judge.CorsJudge;
import dev.fetchcors.autoconfigure.shadow.ShadowReport.SpringScope;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

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
     * What a web adapter finds of Spring's own CORS configuration, each with the paths it answers: the WARN names them,
     * and the shadow report's advice says when a difference lies on paths only some of them cover.
     */
    public static final class Found {

        private final Set<String> names = new LinkedHashSet<>();

        private final List<SpringScope.Part> parts = new ArrayList<>();

        private @Nullable String everywhere;

        private final List<String> first = new ArrayList<>();

        /**
         * Adds a handler method if it carries {@code @CrossOrigin}, on the method or on its class, as Spring MVC and
         * WebFlux both read it.
         *
         * @param method the handler method
         * @param patterns the patterns it is mapped to, as its mapping parsed them
         */
        public void handler(HandlerMethod method, Collection<PathPattern> patterns) {
            boolean onMethod = AnnotatedElementUtils.hasAnnotation(method.getMethod(), CrossOrigin.class);
            if (onMethod || AnnotatedElementUtils.hasAnnotation(method.getBeanType(), CrossOrigin.class)) {
                // Named as it is written: on a method, or on a class, which answers the paths of all its methods.
                String source = "@CrossOrigin on " + method.getBeanType().getSimpleName()
                        + (onMethod ? "#" + method.getMethod().getName() : "");
                this.names.add(source);
                patterns.forEach((pattern) -> this.parts.add(new SpringScope.Part(pattern, source)));
            }
        }

        /**
         * Adds configuration registered for path patterns ({@code addCorsMappings}, a
         * {@code UrlBasedCorsConfigurationSource}); {@code /**} answers every path.
         *
         * @param source what registered them, as a person names it
         * @param patterns the patterns
         */
        public void paths(String source, Collection<String> patterns) {
            if (patterns.isEmpty()) {
                return;
            }
            this.names.add(source + " for " + patterns);
            for (String pattern : patterns) {
                if (pattern.equals("/**")) {
                    everywhere(source);
                }
                else {
                    this.parts.add(new SpringScope.Part(PathPatternParser.defaultInstance.parse(pattern), source));
                }
            }
        }

        /**
         * Adds configuration whose paths cannot be told (a {@code CorsFilter}), taken to answer every path.
         *
         * @param source what it is, as a person names it
         */
        public void everywhere(String source) {
            this.names.add(source);
            if (this.everywhere == null) {
                this.everywhere = source;
            }
        }

        /**
         * Notes a filter of Spring's that runs before the starter's: it answers what it covers (a preflight, a refusal)
         * before the starter's policy is applied.
         *
         * @param source what it is, with its order, as a person names it
         */
        public void first(String source) {
            this.first.add(source);
        }

        /**
         * Logs the WARN, if anything was found, and hands the shadow report the paths Spring's configuration covers.
         *
         * @param beanFactory the application's beans, where the starter's resolver and judge are
         */
        public void report(ListableBeanFactory beanFactory) {
            SpringCorsLeftovers.report(this.names, beanFactory.getBeanProvider(CorsPolicyResolver.class).getIfUnique(),
                    this.first);
            CorsJudge judge = beanFactory.getBeanProvider(CorsJudge.class).getIfUnique();
            if (judge != null && !this.names.isEmpty()) {
                judge.shadowReport().springScope(new SpringScope(this.parts, this.everywhere));
            }
        }

    }

    /**
     * Logs one WARN naming what was found, if anything.
     *
     * @param found what was found, each as a person reads it ({@code @CrossOrigin on OrderController#update})
     * @param resolver the starter's resolver, when a policy is in force, or {@code null} while the starter waits for
     *        its first origin
     * @param first the filters among them that run before the starter's, each with its order
     */
    static void report(Collection<String> found, @Nullable CorsPolicyResolver resolver, List<String> first) {
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
        if (resolver.policies().isShadow()) {
            logger.warn("Spring's own CORS configuration is present: " + String.join(", ", found) + ". It still"
                    + " answers, since app.cors.mode is shadow: the starter only compares its policy's answers with"
                    + " Spring's and reports each difference (actuator endpoint cors, metric cors.shadow.differences,"
                    + " a WARN per difference). Once it reports none, set app.cors.mode=enforce and remove Spring's"
                    + " configuration (docs/migration.md).");
            return;
        }
        if (!first.isEmpty()) {
            logger.warn("Spring's own CORS configuration is still present: " + String.join(", ", found) + ". "
                    + String.join(", ", first) + " runs before the starter's filter (order " + CorsJudge.ORDER
                    + "): it still answers every preflight and refuses the origins it does not allow, so app.cors.*"
                    + " does not apply to what it covers, nor to any preflight, until it is removed or ordered after "
                    + CorsJudge.ORDER + ". Move what it allows to app.cors.* (docs/migration.md, which lists Spring's"
                    + " implicit defaults) and remove it.");
            return;
        }
        logger.warn("Spring's own CORS configuration is still present: " + String.join(", ", found) + ". The starter"
                + " answers every preflight before it, writes the CORS headers of every response it allows, and"
                + " refuses with 403 the requests of the origins app.cors.* refuses, as Spring's configuration refused"
                + " those of the origins it did not allow; Spring's configuration now only sees what the starter lets"
                + " through. Move what it allows to app.cors.* (docs/migration.md, which lists Spring's implicit"
                + " defaults) and remove it.");
    }


}
