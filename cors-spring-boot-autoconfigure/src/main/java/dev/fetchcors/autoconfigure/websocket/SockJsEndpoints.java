package dev.fetchcors.autoconfigure.websocket;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The path patterns of the application's SockJS endpoints, as their handler mappings parsed them: collected at
 * startup as the mappings are initialised, read on every request by {@link SockJsOriginFilter}.
 */
final class SockJsEndpoints {

    private final List<PathPattern> patterns = new CopyOnWriteArrayList<>();

    void add(PathPattern pattern) {
        this.patterns.add(pattern);
    }

    boolean isEmpty() {
        return this.patterns.isEmpty();
    }

    /** Whether a path the DispatcherServlet routes on is one of a SockJS endpoint. */
    boolean matches(PathContainer path) {
        for (PathPattern pattern : this.patterns) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }

}
