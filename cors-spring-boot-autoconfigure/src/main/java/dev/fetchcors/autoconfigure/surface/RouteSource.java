package dev.fetchcors.autoconfigure.surface;

import java.util.List;
import java.util.Set;

import dev.fetchcors.autoconfigure.surface.CorsSurface.RouteKind;
import org.jspecify.annotations.Nullable;

import org.springframework.web.util.pattern.PathPattern;

/**
 * The routes one web stack's routers know: annotated controllers, functional routes, URL handler mappings (static
 * resources, WebSocket and SockJS endpoints) and the actuator's endpoints, read from the handler mappings once they
 * are initialised.
 */
interface RouteSource {

    /** Every route, in no particular order; a path may come more than once (one controller method per verb). */
    List<DiscoveredRoute> routes();

    /**
     * A route as a router holds it.
     *
     * @param path its pattern, within the application (the {@code DispatcherServlet}'s path included)
     * @param pattern the pattern parsed, within what the router routes on, or {@code null} when it cannot be read
     * @param prefix what stands before the pattern in {@code path} (the {@code DispatcherServlet}'s path)
     * @param methods the methods it serves, empty for any
     * @param kind what serves it
     * @param handler the handler, for a person
     */
    record DiscoveredRoute(String path, @Nullable PathPattern pattern, String prefix, Set<String> methods,
            RouteKind kind, String handler) {
    }

}
