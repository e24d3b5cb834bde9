package dev.fetchcors.autoconfigure.policy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when some origin could be allowed: {@code app.cors.allowed-origins} or
 * {@code app.cors.policies[*].allowed-origins} is set, or the application defines an
 * {@link dev.fetchcors.core.OriginCheck} or {@link dev.fetchcors.core.CorsPolicy}
 * bean. When it does not match, one INFO line says why no CORS filter is registered.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnCorsOriginsCondition.class)
@interface ConditionalOnCorsOrigins {

}
