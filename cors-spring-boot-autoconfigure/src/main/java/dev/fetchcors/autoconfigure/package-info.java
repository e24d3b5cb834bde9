/**
 * Spring Boot auto-configuration for Fetch CORS: binds {@code app.cors.*}, compiles the policies at startup and
 * registers the servlet {@code Filter} or the reactive {@code WebFilter}.
 *
 * <p>Extension points, each a bean the starter backs off for: {@link dev.fetchcors.core.CorsPolicy} (the default
 * policy), {@link dev.fetchcors.autoconfigure.CorsPolicyResolver} (the policy per request),
 * {@link dev.fetchcors.core.OriginCheck} (a dynamic origin check) and
 * {@link dev.fetchcors.autoconfigure.CorsConfigCustomizer} (adjustments in code).
 */
@NullMarked
package dev.fetchcors.autoconfigure;

import org.jspecify.annotations.NullMarked;
