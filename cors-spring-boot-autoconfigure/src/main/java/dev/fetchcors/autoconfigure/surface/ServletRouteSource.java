package dev.fetchcors.autoconfigure.surface;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import dev.fetchcors.autoconfigure.surface.CorsSurface.RouteKind;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * The routes of Spring MVC's handler mappings: every {@code RequestMappingInfoHandlerMapping} (annotated controllers,
 * and the actuator's endpoints, which have mappings of their own), every {@code RouterFunctionMapping}, and every
 * URL handler mapping (static resources, WebSocket and SockJS endpoints, view controllers). Their patterns are within
 * the {@code DispatcherServlet}'s mapping, whose path ({@code spring.mvc.servlet.path}) is put before them. The
 * servlets other than the {@code DispatcherServlet} are routes too, by their mappings.
 */
final class ServletRouteSource implements RouteSource {

    private final ApplicationContext context;

    ServletRouteSource(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public List<DiscoveredRoute> routes() {
        String prefix = dispatcherServletPath();
        List<DiscoveredRoute> routes = new ArrayList<>();
        for (RequestMappingInfoHandlerMapping mapping : beans(RequestMappingInfoHandlerMapping.class)) {
            RouteKind kind = isActuator(mapping) ? RouteKind.ACTUATOR : RouteKind.CONTROLLER;
            for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
                RequestMappingInfo info = entry.getKey();
                Set<String> methods = new LinkedHashSet<>();
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                    methods.add(method.name());
                }
                String handler = (kind == RouteKind.ACTUATOR) ? "actuator endpoint"
                        : entry.getValue().getBeanType().getName() + "#" + entry.getValue().getMethod().getName();
                if (info.getPathPatternsCondition() != null) {
                    for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
                        routes.add(new DiscoveredRoute(prefix + pattern.getPatternString(), pattern, prefix, methods,
                                kind, handler));
                    }
                }
                else {
                    for (String pattern : info.getPatternValues()) {
                        routes.add(new DiscoveredRoute(prefix + pattern, parse(pattern), prefix, methods, kind,
                                handler));
                    }
                }
            }
        }
        for (RouterFunctionMapping mapping : beans(RouterFunctionMapping.class)) {
            RouterFunction<?> function = mapping.getRouterFunction();
            if (function != null) {
                Visitor visitor = new Visitor(new FunctionalRoutes(prefix));
                function.accept(visitor);
                routes.addAll(visitor.routes.routes());
            }
        }
        for (AbstractUrlHandlerMapping mapping : beans(AbstractUrlHandlerMapping.class)) {
            Map<String, Object> handlers = new java.util.LinkedHashMap<>(mapping.getHandlerMap());
            if (mapping.getRootHandler() != null) {
                handlers.putIfAbsent("/", mapping.getRootHandler());
            }
            PathPatternParser parser = (mapping.getPatternParser() != null) ? mapping.getPatternParser()
                    : PathPatternParser.defaultInstance;
            handlers.forEach((pattern, handler) -> {
                RouteKind kind = UrlHandlers.kind(handler);
                PathPattern parsed;
                try {
                    parsed = parser.parse(parser.initFullPathPattern(pattern));
                }
                catch (PatternParseException ex) {
                    parsed = null;
                }
                routes.add(new DiscoveredRoute(prefix + pattern, parsed, prefix, UrlHandlers.methods(kind), kind,
                        UrlHandlers.name(handler)));
            });
        }
        routes.addAll(otherServlets());
        return routes;
    }

    /**
     * The mappings of the servlets other than the {@code DispatcherServlet} (a plain servlet registered with a
     * {@code ServletRegistrationBean}, an H2 console, Jersey): each a route that serves any method, its path the
     * mapping as a pattern ({@code /console/*} is {@code /console/**}). The container routes to them, not Spring
     * MVC, and the CORS filter selects their policy on the path within the application.
     */
    private List<DiscoveredRoute> otherServlets() {
        if (!(this.context instanceof WebApplicationContext web) || web.getServletContext() == null) {
            return List.of();
        }
        List<DiscoveredRoute> routes = new ArrayList<>();
        for (ServletRegistration registration : web.getServletContext().getServletRegistrations().values()) {
            if (isDispatcherServlet(registration.getClassName()) || registration.getMappings() == null) {
                continue;
            }
            String handler = registration.getName() + " (" + registration.getClassName() + ")";
            for (String mapping : registration.getMappings()) {
                String path = servletPattern(mapping);
                routes.add(new DiscoveredRoute(path, path.startsWith("/") ? parse(path) : null, "", Set.of(),
                        RouteKind.SERVLET, handler));
            }
        }
        return routes;
    }

    /**
     * A servlet mapping as a path pattern: {@code /console/*} as {@code /console/**}, the default servlet's
     * {@code /} as {@code /**}, the context root's empty mapping as {@code /}; an extension mapping ({@code *.do})
     * stays as it is, which no pattern of a path can say.
     */
    static String servletPattern(String mapping) {
        if (mapping.isEmpty()) {
            return "/";
        }
        if (mapping.equals("/") || mapping.equals("/*")) {
            return "/**";
        }
        if (mapping.endsWith("/*")) {
            return mapping + "*";
        }
        return mapping;
    }

    private static boolean isActuator(Object mapping) {
        // Boot 3.5's org.springframework.boot.actuate.endpoint.web.servlet, Boot 4's ...webmvc.actuate.endpoint.web.
        return mapping.getClass().getName().contains(".actuate.");
    }

    private static @Nullable PathPattern parse(String pattern) {
        try {
            return PathPatternParser.defaultInstance.parse(pattern);
        }
        catch (PatternParseException ex) {
            return null;
        }
    }

    private <T> Collection<T> beans(Class<T> type) {
        return this.context.getBeansOfType(type, false, false).values();
    }

    /**
     * The path of the {@code DispatcherServlet}'s mapping: {@code /api} for {@code /api/*}, empty for {@code /}.
     * Read from the servlet context, as the container maps requests.
     */
    private String dispatcherServletPath() {
        if (!(this.context instanceof WebApplicationContext web) || web.getServletContext() == null) {
            return "";
        }
        ServletContext servletContext = web.getServletContext();
        for (ServletRegistration registration : servletContext.getServletRegistrations().values()) {
            if (!isDispatcherServlet(registration.getClassName())) {
                continue;
            }
            for (String mapping : registration.getMappings()) {
                if (mapping.endsWith("/*") && mapping.length() > 2) {
                    return mapping.substring(0, mapping.length() - 2);
                }
            }
            return "";
        }
        return "";
    }

    private boolean isDispatcherServlet(@Nullable String className) {
        if (className == null) {
            return false;
        }
        try {
            return DispatcherServlet.class.isAssignableFrom(ClassUtils.forName(className,
                    this.context.getClassLoader()));
        }
        catch (ClassNotFoundException | LinkageError ex) {
            return false;
        }
    }

    /** Reads Spring MVC's functional routes into {@link FunctionalRoutes}. */
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
        public void resources(Function<ServerRequest, Optional<Resource>> lookupFunction) {
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
        public void param(String name, String value) {
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
