package dev.fetchcors.autoconfigure.websocket;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.web.socket.sockjs.support.AbstractSockJsService;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The path patterns of the application's SockJS endpoints, as their handler mappings parsed them, each with whether
 * the starter opened it to the policy (the application set no origins on it, so its own check was Spring's
 * same-origin default): collected at startup as the mappings are initialised, read on every request by
 * {@link SockJsOriginFilter}.
 */
final class SockJsEndpoints {

    private final List<Endpoint> endpoints = new CopyOnWriteArrayList<>();

    void add(PathPattern pattern, boolean opened, @Nullable AbstractSockJsService ownOrigins) {
        this.endpoints.add(new Endpoint(pattern, opened, ownOrigins));
    }

    boolean isEmpty() {
        return this.endpoints.isEmpty();
    }

    /** The endpoint a path the DispatcherServlet routes on belongs to, or {@code null}. */
    @Nullable Endpoint match(PathContainer path) {
        for (Endpoint endpoint : this.endpoints) {
            if (endpoint.pattern().matches(path)) {
                return endpoint;
            }
        }
        return null;
    }

    /**
     * A SockJS endpoint.
     *
     * @param pattern its path pattern
     * @param opened whether the starter opened it to the policy's origins, the application having set none
     * @param ownOrigins its service, when the application set origins on it: the CORS headers of its responses are
     *        the policy's, but in shadow mode, where they are the service's own ({@link #writeCors})
     */
    record Endpoint(PathPattern pattern, boolean opened, @Nullable AbstractSockJsService ownOrigins) {

        /**
         * Says who writes the CORS headers of a service with origins of its own: the policy, or, in shadow mode, the
         * service, as it does without the starter. Read from the decision of each request, so that a refresh into
         * or out of shadow mode changes it; written only when it changes.
         *
         * @param starter whether the starter writes them
         */
        void writeCors(boolean starter) {
            AbstractSockJsService service = this.ownOrigins;
            if (service != null && service.shouldSuppressCors() != starter) {
                service.setSuppressCors(starter);
            }
        }

    }

}
