package dev.fetchcors.autoconfigure;

import dev.fetchcors.core.CorsRequest;
import org.springframework.http.server.RequestPath;

/**
 * A request as the web adapters hand it to a {@link CorsPolicyResolver}: what the engine reads (method and
 * headers), and the path the application routes on.
 */
public interface ServerCorsRequest extends CorsRequest {

    /**
     * The request's path exactly as the framework parsed it for routing: WebFlux's {@code RequestPath}, or on
     * Spring MVC the one its handler mappings match (raw segments, never normalised again). Policies select on its
     * {@link RequestPath#pathWithinApplication() path within the application}. Parsed on first use.
     */
    RequestPath path();

}
