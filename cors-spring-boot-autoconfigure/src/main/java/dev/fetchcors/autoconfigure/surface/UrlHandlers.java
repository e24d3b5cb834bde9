package dev.fetchcors.autoconfigure.surface;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.fetchcors.autoconfigure.surface.CorsSurface.RouteKind;

import org.springframework.util.ClassUtils;

/**
 * What serves a pattern of a URL handler mapping, on either stack: static resources, a WebSocket or SockJS endpoint,
 * or another handler. By class name, as the WebSocket support is optional.
 */
final class UrlHandlers {

    private static final Set<String> STATIC_RESOURCES = Set.of(
            "org.springframework.web.servlet.resource.ResourceHttpRequestHandler",
            "org.springframework.web.reactive.resource.ResourceWebHandler");

    private static final Set<String> WEBSOCKET = Set.of(
            "org.springframework.web.socket.server.support.WebSocketHttpRequestHandler",
            "org.springframework.web.reactive.socket.WebSocketHandler");

    private static final Set<String> SOCKJS = Set.of(
            "org.springframework.web.socket.sockjs.support.SockJsHttpRequestHandler");

    private UrlHandlers() {
    }

    static RouteKind kind(Object handler) {
        if (is(handler, STATIC_RESOURCES)) {
            return RouteKind.STATIC_RESOURCES;
        }
        if (is(handler, SOCKJS)) {
            return RouteKind.SOCKJS;
        }
        if (is(handler, WEBSOCKET)) {
            return RouteKind.WEBSOCKET;
        }
        return RouteKind.OTHER;
    }

    /**
     * The methods a handler of this kind serves, in order: empty for any. SockJS takes {@code POST} besides
     * {@code GET}: its XHR transports send and receive with it.
     */
    static Set<String> methods(RouteKind kind) {
        return switch (kind) {
            case STATIC_RESOURCES -> new LinkedHashSet<>(List.of("GET", "HEAD"));
            case SOCKJS -> new LinkedHashSet<>(List.of("GET", "POST"));
            case WEBSOCKET -> Set.of("GET");
            default -> Set.of();
        };
    }

    static String name(Object handler) {
        return (handler instanceof String beanName) ? beanName : FunctionalRoutes.handlerName(handler);
    }

    private static boolean is(Object handler, Set<String> classNames) {
        if (handler instanceof String) {
            return false;
        }
        for (Class<?> type = handler.getClass(); type != null; type = type.getSuperclass()) {
            if (classNames.contains(type.getName())) {
                return true;
            }
        }
        for (Class<?> type : ClassUtils.getAllInterfacesForClassAsSet(handler.getClass())) {
            if (classNames.contains(type.getName())) {
                return true;
            }
        }
        return false;
    }

}
