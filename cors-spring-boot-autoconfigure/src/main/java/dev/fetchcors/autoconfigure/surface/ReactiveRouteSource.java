package dev.fetchcors.autoconfigure.surface;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.fetchcors.autoconfigure.surface.CorsSurface.RouteKind;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.handler.AbstractUrlHandlerMapping;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The routes of Spring WebFlux's handler mappings: every {@code RequestMappingInfoHandlerMapping} (annotated
 * controllers, and the actuator's endpoints), every {@code RouterFunctionMapping}, and every URL handler mapping
 * (static resources, WebSocket endpoints). Their patterns are within the application, as WebFlux routes.
 */
final class ReactiveRouteSource implements RouteSource {

    private final ApplicationContext context;

    ReactiveRouteSource(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public List<DiscoveredRoute> routes() {
        List<DiscoveredRoute> routes = new ArrayList<>();
        for (RequestMappingInfoHandlerMapping mapping : beans(RequestMappingInfoHandlerMapping.class)) {
            RouteKind kind = mapping.getClass().getName().contains(".actuate.") ? RouteKind.ACTUATOR
                    : RouteKind.CONTROLLER;
            for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
                RequestMappingInfo info = entry.getKey();
                Set<String> methods = new LinkedHashSet<>();
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                    methods.add(method.name());
                }
                String handler = (kind == RouteKind.ACTUATOR) ? "actuator endpoint"
                        : entry.getValue().getBeanType().getName() + "#" + entry.getValue().getMethod().getName();
                for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
                    routes.add(new DiscoveredRoute(pattern.getPatternString(), pattern, "", methods, kind, handler));
                }
            }
        }
        for (RouterFunctionMapping mapping : beans(RouterFunctionMapping.class)) {
            RouterFunction<?> function = mapping.getRouterFunction();
            if (function != null) {
                Visitor visitor = new Visitor(new FunctionalRoutes(""));
                function.accept(visitor);
                routes.addAll(visitor.routes.routes());
            }
        }
        for (AbstractUrlHandlerMapping mapping : beans(AbstractUrlHandlerMapping.class)) {
            mapping.getHandlerMap().forEach((pattern, handler) -> {
                RouteKind kind = UrlHandlers.kind(handler);
                routes.add(new DiscoveredRoute(pattern.getPatternString(), pattern, "", UrlHandlers.methods(kind),
                        kind, UrlHandlers.name(handler)));
            });
        }
        return routes;
    }

    private <T> Collection<T> beans(Class<T> type) {
        return this.context.getBeansOfType(type, false, false).values();
    }

    /** Reads Spring WebFlux's functional routes into {@link FunctionalRoutes}. */
    private static final class Visitor implements RouterFunctions.Visitor, RequestPredicates.Visitor {

        final FunctionalRoutes routes;

        Visitor(FunctionalRoutes routes) {
            this.routes = routes;
        }

        private List<FunctionalRoutes.Alternative> read(RequestPredicate predicate) {
            this.routes.beginPredicate();
            predicate.accept(this);
            return this.routes.endPredicate();
        }

        @Override
        public void startNested(RequestPredicate predicate) {
            this.routes.nest(read(predicate));
        }

        @Override
        public void endNested(RequestPredicate predicate) {
            this.routes.unnest();
        }

        @Override
        public void route(RequestPredicate predicate, HandlerFunction<?> handlerFunction) {
            this.routes.route(read(predicate), FunctionalRoutes.handlerName(handlerFunction));
        }

        @Override
        public void resources(Function<ServerRequest, Mono<Resource>> lookupFunction) {
            this.routes.resources(lookupFunction.toString());
        }

        @Override
        public void attributes(Map<String, Object> attributes) {
        }

        @Override
        public void unknown(RouterFunction<?> routerFunction) {
            this.routes.unknownRouter(routerFunction.toString());
        }

        @Override
        public void method(Set<HttpMethod> methods) {
            Set<String> names = new LinkedHashSet<>();
            methods.forEach((method) -> names.add(method.name()));
            this.routes.method(names);
        }

        @Override
        public void path(String pattern) {
            this.routes.path(pattern);
        }

        // Deprecated on Framework 7, abstract still: an extension narrows neither path nor method.
        @Override
        @SuppressWarnings("removal")
        public void pathExtension(String extension) {
            this.routes.other();
        }

        @Override
        public void header(String name, String value) {
            this.routes.other();
        }

        @Override
        public void queryParam(String name, String value) {
            this.routes.other();
        }

        /** Framework 7's API versions: they narrow neither path nor method. Not an override on Framework 6.2. */
        public void version(String version) {
            this.routes.other();
        }

        @Override
        public void startAnd() {
            this.routes.startAnd();
        }

        @Override
        public void and() {
        }

        @Override
        public void endAnd() {
            this.routes.end();
        }

        @Override
        public void startOr() {
            this.routes.startOr();
        }

        @Override
        public void or() {
        }

        @Override
        public void endOr() {
            this.routes.end();
        }

        @Override
        public void startNegate() {
            this.routes.startNegate();
        }

        @Override
        public void endNegate() {
            this.routes.end();
        }

        @Override
        public void unknown(RequestPredicate predicate) {
            this.routes.unknown("a predicate the surface cannot read: " + predicate);
        }

    }

}
