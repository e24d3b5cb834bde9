package dev.fetchcors.samples.gateway.webflux;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.fetchcors.samples.gateway.GatewayApps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * WebSocket handshakes through Spring Cloud Gateway Server WebFlux, routed to a real WebSocket echo server: the
 * gateway judges each handshake's origin by its policy before routing it, so a refused origin never reaches the
 * service, and an allowed one gets a working socket through the gateway.
 */
class ReactiveGatewayWebSocketTests {

    private static final String APP = "https://app.example.com";

    /** The Origin of each handshake that reached the service, as it saw it ("null" for none). */
    private static final List<String> origins = new CopyOnWriteArrayList<>();

    private static DisposableServer echo;

    private static ConfigurableApplicationContext gateway;

    @BeforeAll
    static void start() {
        echo = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route((routes) -> routes.ws("/ws/echo", (in, out) -> {
                origins.add(String.valueOf(in.headers().get("Origin")));
                return out.sendString(in.receive().asString());
            }))
            .bindNow();
        String prefix = "spring.cloud.gateway.server.webflux.routes[0].";
        gateway = GatewayApps.reactive(SampleGatewayApplication.class, prefix + "id=socket",
                prefix + "uri=ws://127.0.0.1:" + echo.port(), prefix + "predicates[0]=Path=/ws/**");
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (echo != null) {
            echo.disposeNow();
        }
    }

    @Test
    void anAllowedOriginGetsAWorkingSocketThroughTheGateway() throws Exception {
        assertThat(roundTrip(APP)).isEqualTo("hello");
    }

    @Test
    void aClientWithoutOriginIsPassedOn() throws Exception {
        assertThat(roundTrip(null)).isEqualTo("hello");
    }

    @Test
    void theServiceSeesTheBrowsersOriginByDefault() throws Exception {
        origins.clear();
        roundTrip(APP);
        assertThat(origins).containsExactly(APP);
    }

    /**
     * With {@code app.cors.gateway.forward-origin=false} the browser's Origin is not forwarded; Reactor Netty's
     * WebSocket client then names the service's own address as the origin, which a service's same-origin check
     * accepts, so that it cannot refuse what the edge allowed (docs/gateways.md).
     */
    @Test
    void withoutForwardingOriginTheServiceSeesItsOwnAddressAsTheOrigin() throws Exception {
        String prefix = "spring.cloud.gateway.server.webflux.routes[0].";
        try (ConfigurableApplicationContext withoutOrigin = GatewayApps.reactive(SampleGatewayApplication.class,
                prefix + "id=socket", prefix + "uri=ws://127.0.0.1:" + echo.port(), prefix + "predicates[0]=Path=/ws/**",
                "app.cors.gateway.forward-origin=false")) {
            origins.clear();
            assertThat(roundTrip(withoutOrigin, APP)).isEqualTo("hello");
            assertThat(origins).containsExactly("http://127.0.0.1:" + echo.port());
            // The edge still judges the browser's origin.
            Throwable failure = catchThrowable(
                    () -> open(withoutOrigin, "https://evil.example", new Echoes()).get(10, TimeUnit.SECONDS));
            assertThat(failure).hasCauseInstanceOf(WebSocketHandshakeException.class);
            assertThat(origins).hasSize(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://evil.example", "null", "https://app.example.com.evil.net" })
    void aRefusedOriginIsRefusedAtTheEdge(String origin) {
        Throwable failure = catchThrowable(() -> open(origin, new Echoes()).get(10, TimeUnit.SECONDS));
        assertThat(failure).as(origin).hasCauseInstanceOf(WebSocketHandshakeException.class);
        WebSocketHandshakeException handshake = (WebSocketHandshakeException) failure.getCause();
        assertThat(handshake.getResponse().statusCode()).as(origin).isEqualTo(403);
    }

    private static String roundTrip(String origin) throws Exception {
        return roundTrip(gateway, origin);
    }

    private static String roundTrip(ConfigurableApplicationContext gateway, String origin) throws Exception {
        Echoes echoes = new Echoes();
        WebSocket socket = open(gateway, origin, echoes).get(10, TimeUnit.SECONDS);
        try {
            socket.sendText("hello", true).get(10, TimeUnit.SECONDS);
            return echoes.first.get(10, TimeUnit.SECONDS);
        }
        finally {
            socket.abort();
        }
    }

    private static CompletableFuture<WebSocket> open(String origin, Echoes echoes) {
        return open(gateway, origin, echoes);
    }

    private static CompletableFuture<WebSocket> open(ConfigurableApplicationContext gateway, String origin,
            Echoes echoes) {
        int port = Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port"));
        WebSocket.Builder builder = HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(10));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        return builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/echo"), echoes);
    }

    /** Keeps the first text message that comes back. */
    private static final class Echoes implements WebSocket.Listener {

        final CompletableFuture<String> first = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            this.first.complete(data.toString());
            return WebSocket.Listener.super.onText(socket, data, last);
        }

    }

}
