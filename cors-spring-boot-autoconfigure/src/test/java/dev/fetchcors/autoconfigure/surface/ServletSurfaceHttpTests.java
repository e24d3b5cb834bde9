package dev.fetchcors.autoconfigure.surface;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.List;

import dev.fetchcors.autoconfigure.http.TestApps;
import dev.fetchcors.autoconfigure.surface.CorsSurface.Access;
import dev.fetchcors.autoconfigure.surface.CorsSurface.Route;
import dev.fetchcors.autoconfigure.surface.CorsSurface.Selection;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CORS surface on Spring MVC and Tomcat, its SockJS endpoint included, and servlets other than the
 * {@code DispatcherServlet}.
 */
class ServletSurfaceHttpTests extends SurfaceHttpTests {

    private static final List<String> ORIGINS = List.of(SurfaceApps.APP, SurfaceApps.PARTNER, SurfaceApps.IDP,
            SurfaceApps.OTHER);

    /**
     * A plain servlet registered beside the {@code DispatcherServlet}, under two mappings that fall under different
     * policies: each is a route that serves any method, under the policy the filter really applies, as a browser
     * finds over HTTP.
     */
    @Test
    void aServletOfItsOwnIsARouteUnderThePolicyTheFilterApplies() throws Exception {
        try (ConfigurableApplicationContext app = TestApps.servlet(WithServlet.class, false, SurfaceApps.PROPERTIES)) {
            CorsSurface surface = app.getBean(CorsSurveyor.class).survey();
            for (String path : List.of("/console/**", "/api/accounts/export/**")) {
                Route route = surface.route(path);
                assertThat(route).as(path).isNotNull();
                assertThat(route.servedBy()).containsExactly("servlet");
                assertThat(route.methods()).as("any method").isEmpty();
                assertThat(route.handlers()).containsExactly("console (" + ConsoleServlet.class.getName() + ")");
            }
            assertThat(surface.route("/console/**").policies()).extracting(Selection::policy).containsExactly("default");
            assertThat(surface.route("/api/accounts/export/**").policies()).extracting(Selection::policy)
                .containsExactly("partner");
            assertThat(surface.toMarkdown()).contains("| `/console/**` | any | servlet | default | default |");
            String[][] table = { { "/console/**", "/console/x", "GET" }, { "/console/**", "/console/x", "POST" },
                    { "/console/**", "/console/x", "PUT" }, { "/console/**", "/console/x", "DELETE" },
                    { "/api/accounts/export/**", "/api/accounts/export/x", "GET" },
                    { "/api/accounts/export/**", "/api/accounts/export/x", "DELETE" },
                    { "/api/accounts/export/**", "/api/accounts/export/x", "PATCH" } };
            List<String> checked = agree(app, ORIGINS, table);
            assertThat(String.join("\n", checked)).contains("GET /api/accounts/export/x: reads with credentials",
                    "POST /console/x: runs", "PUT /console/x: reads", ": nothing");
        }
    }

    /**
     * SockJS's transports are requests as any: its endpoint lists GET and POST, and what it says an origin may do
     * with them is what the filter answers a browser's XHR transport.
     */
    @Test
    void aSockJsEndpointListsTheMethodsOfItsTransports() throws Exception {
        CorsSurface surface = surveyor().survey();
        Route sockJs = surface.route("/ws/sock/**");
        assertThat(sockJs.servedBy()).containsExactly("SockJS");
        assertThat(sockJs.methods()).containsExactly("GET", "POST");
        assertThat(surface.origin(SurfaceApps.APP).routes()).contains(
                new Access("/ws/sock/**", "default", List.of("GET", "POST"), List.of(), List.of(), true));
        // Its HTTP transports are judged as the handshake they stand in for: a send-only origin, which may open no
        // socket, is refused them too.
        assertThat(surface.origin(SurfaceApps.IDP).routes()).extracting(Access::route).doesNotContain("/ws/sock/**");
        String[][] table = { { "/ws/sock/**", "/ws/sock/info", "GET" },
                { "/ws/sock/**", "/ws/sock/000/{session}/xhr", "POST" } };
        List<String> checked = agree(this.context, ORIGINS, table);
        assertThat(String.join("\n", checked)).contains(SurfaceApps.APP + " POST /ws/sock/000/{session}/xhr: reads",
                SurfaceApps.IDP + " POST /ws/sock/000/{session}/xhr: nothing");
    }

    /** Answers every method with 200 and a body of its own. */
    static class ConsoleServlet extends HttpServlet {

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setStatus(200);
            response.getWriter().write("console");
        }

    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import({ SurfaceApps.AccountController.class, SurfaceApps.Tenants.class })
    static class WithServlet {

        @Bean
        ServletRegistrationBean<ConsoleServlet> console() {
            ServletRegistrationBean<ConsoleServlet> registration = new ServletRegistrationBean<>(new ConsoleServlet(),
                    "/console/*", "/api/accounts/export/*");
            registration.setName("console");
            return registration;
        }

    }

    @Override
    boolean reactive() {
        return false;
    }

    @Override
    Runnable map(String path, RequestMethod method) throws Exception {
        RequestMappingHandlerMapping mapping = this.context.getBean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class);
        RequestMappingInfo info = RequestMappingInfo.paths(path)
            .methods(method)
            .options(mapping.getBuilderConfiguration())
            .build();
        Method handler = SurfaceApps.AccountController.class.getDeclaredMethod("orders");
        mapping.registerMapping(info, this.context.getBean(SurfaceApps.AccountController.class), handler);
        return () -> mapping.unregisterMapping(info);
    }

}
