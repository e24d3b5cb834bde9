package dev.fetchcors.autoconfigure.websocket;

import dev.fetchcors.autoconfigure.http.RawWebSocket;
import dev.fetchcors.autoconfigure.http.TestApps;
import dev.fetchcors.autoconfigure.shadow.ShadowModeHttpTests;

import dev.fetchcors.autoconfigure.judge.CorsJudge;
import dev.fetchcors.autoconfigure.shadow.ShadowReport;

import java.util.List;
import java.util.stream.Stream;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * WebSocket handshakes on Spring WebFlux and Netty, which has no origin check of its own: a {@link WebSocketHandler}
 * mapped with a {@link SimpleUrlHandlerMapping}, as the reference documentation shows.
 */
class ReactiveWebSocketHttpTests extends WebSocketHttpTests {

    @Override
    ConfigurableApplicationContext start(String... properties) {
        return TestApps.reactive(App.class, false, properties);
    }

    @Override
    List<Arguments> endpoints() {
        return List.of(arguments("/ws/echo", Protocol.ECHO));
    }

    @Test
    void withTheWebSocketSupportOffAnyOriginOpensASocketAsWebFluxAlone() throws Exception {
        try (ConfigurableApplicationContext off = TestApps.reactive(App.class, false,
                "app.cors.allowed-origins=" + APP, "app.cors.websocket.enabled=false")) {
            try (RawWebSocket socket = RawWebSocket.open(TestApps.port(off), "/ws/echo", "https://evil.example")) {
                assertThat(socket.status()).isEqualTo(101);
            }
        }
    }

    /** WebFlux alone opens a socket to any origin: in shadow mode it still does, and each refusal to come is reported. */
    @Test
    void inShadowModeEveryHandshakeProceedsAndTheRefusalsToComeAreReported() throws Exception {
        try (ConfigurableApplicationContext shadow = TestApps.reactive(App.class, false, "app.cors.mode=shadow",
                "app.cors.allowed-origins=" + APP)) {
            ShadowReport report = shadow.getBean(CorsJudge.class).shadowReport();
            int port = TestApps.port(shadow);
            for (String origin : new String[] { APP, "https://evil.example", "http://127.0.0.1:" + port }) {
                try (RawWebSocket socket = RawWebSocket.open(port, "/ws/echo", origin)) {
                    assertThat(socket.status()).as("/ws/echo from %s", origin).isEqualTo(101);
                    socket.send("hello");
                    assertThat(socket.receive()).isEqualTo("hello");
                }
            }
            ShadowReport.Snapshot snapshot = ShadowModeHttpTests.awaitCompared(report, 3);
            assertThat(snapshot.shadowRequests()).isEqualTo(3);
            assertThat(snapshot.differences())
                .extracting((d) -> d.difference().kind() + " " + d.difference().verdict().tag() + "/"
                        + d.difference().aspect().tag() + " " + d.origin())
                .containsExactly("WEBSOCKET would-break/origin https://evil.example");
        }
    }

    /** Shadow mode refuses nothing, where no policy covers a path either: WebFlux alone opens the socket. */
    @Test
    void inShadowModeAPathNoPolicyCoversOpensAsWebFluxAlone() throws Exception {
        String[] perPathOnly = { "app.cors.policies[0].name=partner", "app.cors.policies[0].path-patterns=/ws/partner/**",
                "app.cors.policies[0].allowed-origins=" + PARTNER };
        try (ConfigurableApplicationContext enforced = TestApps.reactive(App.class, false, perPathOnly);
                ConfigurableApplicationContext shadow = TestApps.reactive(App.class, false,
                        Stream.concat(Stream.of(perPathOnly), Stream.of("app.cors.mode=shadow"))
                            .toArray(String[]::new))) {
            assertHandshake(enforced, "/ws/echo", PARTNER, 403);
            assertHandshake(shadow, "/ws/echo", PARTNER, 101);
            assertHandshake(shadow, "/ws/echo", "https://evil.example", 101);
        }
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App implements WebFluxConfigurer {

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
            WebSocketHandler echo = (session) -> session
                .send(session.receive().map((message) -> session.textMessage(message.getPayloadAsText())));
            return new SimpleUrlHandlerMapping(Map.of("/ws/echo", echo, "/ws/partner/echo", echo), -1);
        }

    }

}
