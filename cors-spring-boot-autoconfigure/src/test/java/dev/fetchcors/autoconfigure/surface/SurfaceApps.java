package dev.fetchcors.autoconfigure.surface;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.fetchcors.autoconfigure.CorsOriginSource;
import dev.fetchcors.autoconfigure.http.TestApps;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The application whose CORS surface the surface tests read, on either stack: annotated controllers, functional
 * routes, the actuator's {@code cors} endpoint, a WebSocket endpoint (and on Spring MVC a SockJS one), a default
 * policy with a send-only origin, a credentialed per-path policy fed by an origin source, and a per-path policy in
 * shadow mode.
 */
final class SurfaceApps {

    static final String APP = "https://app.example.com";

    static final String PARTNER = "https://partner.example";

    static final String TENANT = "https://tenant1.example";

    static final String IDP = "https://idp.example";

    static final String OLD = "https://old.example";

    static final String OTHER = "https://other.example";

    static final String[] PROPERTIES = { "app.cors.allowed-origins=" + APP, "app.cors.allowed-methods=PUT",
            "app.cors.allowed-headers=Content-Type", "app.cors.send-only-origins=" + IDP,
            "app.cors.policies[0].name=partner", "app.cors.policies[0].path-patterns=/api/accounts/**",
            "app.cors.policies[0].allowed-origins=" + PARTNER, "app.cors.policies[0].allow-credentials=true",
            "app.cors.policies[0].allowed-methods=PUT,DELETE", "app.cors.policies[1].name=legacy",
            "app.cors.policies[1].path-patterns=/legacy/**", "app.cors.policies[1].allowed-origins=" + OLD,
            "app.cors.policies[1].mode=shadow", "management.endpoints.web.exposure.include=cors",
            "app.cors.origin-source.refresh=1h" };

    /** The rows of the origin source {@code tenants}, which a test may change. */
    static final List<String> tenants = new CopyOnWriteArrayList<>(List.of(TENANT));

    private SurfaceApps() {
    }

    static ConfigurableApplicationContext start(boolean reactive) {
        return reactive ? TestApps.reactive(ReactiveApp.class, false, PROPERTIES)
                : TestApps.servlet(ServletApp.class, false, PROPERTIES);
    }

    /** Identical on both stacks. */
    @RestController
    static class AccountController {

        @GetMapping("/api/accounts/{id}")
        String account(@PathVariable String id) {
            return "account " + id;
        }

        @PutMapping("/api/accounts/{id}")
        String update(@PathVariable String id) {
            return "updated " + id;
        }

        @GetMapping("/api/orders")
        String orders() {
            return "orders";
        }

        @PostMapping("/api/orders")
        String order() {
            return "ordered";
        }

        @GetMapping("/legacy/report")
        String report() {
            return "report";
        }

    }

    /** The tenants' origins, for the credentialed policy. */
    @Configuration(proxyBeanMethods = false)
    static class Tenants {

        @Bean
        CorsOriginSource tenants() {
            return new CorsOriginSource() {

                @Override
                public List<String> load() {
                    return List.copyOf(tenants);
                }

                @Override
                public String policy() {
                    return "partner";
                }

            };
        }

    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @EnableWebSocket
    @Import({ AccountController.class, Tenants.class })
    static class ServletApp implements WebSocketConfigurer {

        @Override
        public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
            registry.addHandler(new TextWebSocketHandler(), "/ws/echo");
            registry.addHandler(new TextWebSocketHandler(), "/ws/sock").withSockJS();
        }

        @Bean
        org.springframework.web.servlet.function.RouterFunction<org.springframework.web.servlet.function.ServerResponse> functionalRoutes() {
            return org.springframework.web.servlet.function.RouterFunctions.route()
                .nest(org.springframework.web.servlet.function.RequestPredicates.path("/api/fn"),
                        (nested) -> nested.GET("/ping",
                                (request) -> org.springframework.web.servlet.function.ServerResponse.ok().body("pong")))
                .DELETE("/api/accounts/{id}/tokens",
                        (request) -> org.springframework.web.servlet.function.ServerResponse.noContent().build())
                .build();
        }

    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import({ AccountController.class, Tenants.class })
    static class ReactiveApp implements WebFluxConfigurer {

        /**
         * Reactor Netty's upgrade: Tomcat is on this test class path too, and Framework 6.2 would pick its upgrade
         * strategy by class presence, although the application runs on Netty.
         */
        @Override
        public WebSocketService getWebSocketService() {
            return new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy());
        }

        @Bean
        HandlerMapping webSocketMapping() {
            org.springframework.web.reactive.socket.WebSocketHandler echo = (session) -> session
                .send(session.receive().map((message) -> session.textMessage(message.getPayloadAsText())));
            return new SimpleUrlHandlerMapping(Map.of("/ws/echo", echo), -1);
        }

        @Bean
        org.springframework.web.reactive.function.server.RouterFunction<org.springframework.web.reactive.function.server.ServerResponse> functionalRoutes() {
            return org.springframework.web.reactive.function.server.RouterFunctions.route()
                .nest(org.springframework.web.reactive.function.server.RequestPredicates.path("/api/fn"),
                        (nested) -> nested.GET("/ping",
                                (request) -> org.springframework.web.reactive.function.server.ServerResponse.ok()
                                    .bodyValue("pong")))
                .DELETE("/api/accounts/{id}/tokens",
                        (request) -> org.springframework.web.reactive.function.server.ServerResponse.noContent()
                            .build())
                .build();
        }

    }

}
