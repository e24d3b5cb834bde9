package dev.fetchcors.autoconfigure.surface;

import java.util.List;

import dev.fetchcors.autoconfigure.surface.RouteSource.DiscoveredRoute;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;
import org.springframework.web.context.support.GenericWebApplicationContext;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Functional routes read through the router's visitor: nested paths joined, methods from the predicate, each
 * alternative of an {@code or} a route, and what cannot be read taken at its widest and said. The mappings of
 * servlets other than the {@code DispatcherServlet} as path patterns.
 */
class ServletRouteSourceTests {

    @Test
    void functionalRoutesAreReadWithTheirNestsAndMethods() {
        RouterFunction<ServerResponse> router = RouterFunctions.route()
            .nest(RequestPredicates.path("/api"), (api) -> api
                .GET("/orders/{id}", (request) -> ServerResponse.ok().build())
                .route(RequestPredicates.method(HttpMethod.PUT).or(RequestPredicates.method(HttpMethod.PATCH))
                    .and(RequestPredicates.path("/orders/{id}")), (request) -> ServerResponse.ok().build())
                .route(RequestPredicates.POST("/jobs").negate(), (request) -> ServerResponse.ok().build())
                .route((request) -> true, (request) -> ServerResponse.ok().build()))
            .resources("/files/**", new ClassPathResource("static/"))
            .build();
        assertThat(routes(router)).extracting((route) -> route.path() + " " + route.methods() + " " + route.kind())
            .containsExactly("/api/orders/{id} [GET] FUNCTIONAL", "/api/orders/{id} [PUT] FUNCTIONAL",
                    "/api/orders/{id} [PATCH] FUNCTIONAL", "/api/** [] FUNCTIONAL", "/api/** [] FUNCTIONAL",
                    "/files/** [GET, HEAD] FUNCTIONAL");
        List<DiscoveredRoute> routes = routes(router);
        assertThat(routes.get(3).handler()).endsWith("(a negated predicate)");
        assertThat(routes.get(4).handler()).contains("a predicate the surface cannot read");
    }

    /**
     * A servlet's mapping as the container matches it: a prefix mapping takes the prefix itself and every path
     * below it, the default servlet every path, the empty mapping the context root; an extension mapping is no path
     * pattern, and stays as it is (not judged).
     */
    @Test
    void servletMappingsArePathPatterns() {
        assertThat(List.of("/console/*", "/exact", "/", "/*", "", "*.do")).map(ServletRouteSource::servletPattern)
            .containsExactly("/console/**", "/exact", "/**", "/**", "/", "*.do");
    }

    private static List<DiscoveredRoute> routes(RouterFunction<?> router) {
        try (GenericWebApplicationContext context = new GenericWebApplicationContext()) {
            context.registerBean(RouterFunctionMapping.class, () -> new RouterFunctionMapping(router));
            context.refresh();
            return new ServletRouteSource(context).routes();
        }
    }

}
