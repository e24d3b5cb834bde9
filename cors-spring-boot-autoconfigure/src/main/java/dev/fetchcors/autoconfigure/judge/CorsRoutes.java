package dev.fetchcors.autoconfigure.judge;

import org.springframework.http.server.RequestPath;

/**
 * How the application routes a request path, for a request described rather than received: the actuator's check
 * selects its policy on the path this gives, which is the path the web adapter selects on for such a request.
 *
 * <pre>{@code
 * RequestPath path = routes.route("/api/orders/1");
 * NamedCorsPolicy policy = policies.select(path.pathWithinApplication());
 * }</pre>
 */
@FunctionalInterface
public interface CorsRoutes {

    /** The path within the application as it is: WebFlux, whose base path is the application's context path. */
    CorsRoutes WITHIN_APPLICATION = (path) -> RequestPath.parse(path, null);

    /**
     * The path a request to the given path would be routed on.
     *
     * @param pathWithinApplication the request's path after the context path, as a client sends it (percent-encoded)
     * @return the path, whose {@link RequestPath#pathWithinApplication()} policies select on
     */
    RequestPath route(String pathWithinApplication);

}
