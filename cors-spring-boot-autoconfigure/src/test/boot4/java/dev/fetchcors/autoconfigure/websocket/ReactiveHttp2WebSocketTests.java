package dev.fetchcors.autoconfigure.websocket;

import dev.fetchcors.autoconfigure.http.TestApps;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * WebSocket over HTTP/2 (RFC 8441) on WebFlux and Reactor Netty, with the extended CONNECT switched on: a real h2c
 * connection from Reactor Netty's client opens the socket with {@code CONNECT} and {@code :protocol websocket},
 * which the policy judges exactly as a {@code GET} with {@code Upgrade}. Framework 7 and Reactor Netty 1.3 speak
 * it; Boot 3.5's lines do not, so this runs on the Boot 4 lines.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReactiveHttp2WebSocketTests {

    static final String APP = "https://app.example.com";

    /** The method of each request that reached the server's filters, to see that the sockets came over CONNECT. */
    static final List<String> methods = new CopyOnWriteArrayList<>();

    private ConfigurableApplicationContext context;

    @BeforeAll
    void start() {
        this.context = TestApps.reactive(App.class, false, "app.cors.allowed-origins=" + APP,
                "server.http2.enabled=true");
    }

    @AfterAll
    void stop() {
        if (this.context != null) {
            this.context.close();
        }
    }

    @Test
    void anAllowedOriginOpensASocketOverAnExtendedConnect() {
        methods.clear();
        assertThat(echo(APP)).isEqualTo("hello over h2");
        assertThat(methods).containsExactly("CONNECT");
    }

    @Test
    void theApplicationsOwnOriginOpensASocketOverAnExtendedConnect() {
        methods.clear();
        assertThat(echo("http://localhost:" + TestApps.port(this.context))).isEqualTo("hello over h2");
        assertThat(methods).containsExactly("CONNECT");
    }

    @Test
    void aRefusedOriginGets403BeforeTheApplication() {
        for (String origin : List.of("https://evil.example", "null", "https://app.example.com.evil.net")) {
            methods.clear();
            assertThatExceptionOfType(WebSocketClientHandshakeException.class).as(origin)
                .isThrownBy(() -> echo(origin))
                .withMessageContaining("403");
            assertThat(methods).as(origin).containsExactly("CONNECT");
        }
    }

    private String echo(String origin) {
        return HttpClient.create()
            .protocol(HttpProtocol.H2C)
            .headers((headers) -> headers.set("Origin", origin))
            .websocket()
            .uri("ws://localhost:" + TestApps.port(this.context) + "/ws/echo")
            .handle((in, out) -> out.sendString(Mono.just("hello over h2"))
                .then()
                .thenMany(in.receive().asString().take(1)))
            .next()
            .block(Duration.ofSeconds(10));
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App implements WebFluxConfigurer {

        @Override
        public WebSocketService getWebSocketService() {
            return new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy());
        }

        @Bean
        HandlerMapping webSocketMapping() {
            WebSocketHandler echo = (session) -> session
                .send(session.receive().map((message) -> session.textMessage(message.getPayloadAsText())));
            return new SimpleUrlHandlerMapping(Map.of("/ws/echo", echo), -1);
        }

        /** RFC 8441 is off by default: Reactor Netty announces it with SETTINGS_ENABLE_CONNECT_PROTOCOL. */
        @Bean
        WebServerFactoryCustomizer<NettyReactiveWebServerFactory> extendedConnect() {
            return (factory) -> factory.addServerCustomizers(
                    (server) -> server.http2Settings((settings) -> settings.connectProtocolEnabled(true)));
        }

        /** Before the CORS filter, so that refused handshakes are recorded too. */
        @Bean
        WebFilter recordMethods() {
            return new OrderedRecorder();
        }

    }

    static final class OrderedRecorder implements WebFilter, Ordered {

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            if (exchange.getRequest().getPath().value().startsWith("/ws/")) {
                methods.add(exchange.getRequest().getMethod().name());
            }
            return chain.filter(exchange);
        }

        @Override
        public int getOrder() {
            return -200;
        }

    }

}
