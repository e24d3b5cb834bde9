package dev.fetchcors.autoconfigure.refresh;

import java.util.Locale;
import java.util.Set;

import dev.fetchcors.autoconfigure.CorsProperties;
import dev.fetchcors.autoconfigure.origins.CorsOriginSources;
import dev.fetchcors.autoconfigure.policy.PropertiesCorsPolicyResolver;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Applies changed {@code app.cors.*} properties without a restart: on each Spring Cloud
 * {@link EnvironmentChangeEvent} (published by {@code ContextRefresher.refresh()}, the {@code refresh} actuator
 * endpoint and Spring Cloud Bus) that touches {@code app.cors}, asks the starter's resolver to
 * {@link PropertiesCorsPolicyResolver#refresh() refresh}; on every refresh, has the origin sources loaded again.
 */
final class CorsRefreshListener implements ApplicationListener<EnvironmentChangeEvent>, Ordered {

    private final PropertiesCorsPolicyResolver resolver;

    private final @Nullable CorsOriginSources originSources;

    /**
     * A listener.
     *
     * @param resolver the starter's resolver
     */
    public CorsRefreshListener(PropertiesCorsPolicyResolver resolver) {
        this(resolver, null);
    }

    /**
     * A listener that also has the origin sources loaded again on every refresh, whatever keys it changed: how a
     * new tenant reaches every instance at once (Spring Cloud Bus's {@code busrefresh}).
     *
     * @param resolver the starter's resolver
     * @param originSources the origin sources, or {@code null}
     */
    public CorsRefreshListener(PropertiesCorsPolicyResolver resolver, @Nullable CorsOriginSources originSources) {
        this.resolver = resolver;
        this.originSources = originSources;
    }

    /**
     * First among the listeners to environment changes, so that the CORS verdict is logged even when a later one
     * (such as Spring Cloud's rebinding of configuration properties beans) fails on the same change.
     */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void onApplicationEvent(EnvironmentChangeEvent event) {
        if (touchesCors(event.getKeys())) {
            this.resolver.refresh();
        }
        if (this.originSources != null) {
            this.originSources.refreshSoon();
        }
    }

    private static boolean touchesCors(Set<String> keys) {
        String prefix = CorsProperties.PREFIX;
        for (String key : keys) {
            // Relaxed: app.cors.allowed-origins[0], APP_CORS_ALLOWEDORIGINS and the like.
            String name = key.toLowerCase(Locale.ROOT).replace('_', '.');
            if (name.equals(prefix) || name.startsWith(prefix + ".") || name.startsWith(prefix + "[")) {
                return true;
            }
        }
        return false;
    }

}
