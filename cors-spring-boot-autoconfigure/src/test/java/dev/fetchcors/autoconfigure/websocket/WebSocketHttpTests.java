package dev.fetchcors.autoconfigure.websocket;

import dev.fetchcors.autoconfigure.http.RawWebSocket;
import dev.fetchcors.autoconfigure.http.TestApps;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * WebSocket handshakes over a real server, judged by the origin rules of the policy for their path: the allowed
 * origin opens a socket that carries messages both ways, with no per-endpoint origin setting; a refused origin,
 * {@code null} and a look-alike get 403 before the application; a client without {@code Origin} is passed on. A
 * per-path policy opens one socket path to another origin. Each stack says how to start its application and which
 * endpoints it has.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebSocketHttpTests {

    static final String APP = "https://app.example.com";

    static final String PARTNER = "https://partner.example";

    static final String[] PROPERTIES = { "app.cors.allowed-origins=" + APP, "app.cors.allow-credentials=true",
            "app.cors.policies[0].name=partner", "app.cors.policies[0].path-patterns=/ws/partner/**",
            "app.cors.policies[0].allowed-origins=" + PARTNER };

    /** How each endpoint answers a message once its socket is open. */
    enum Protocol {

        /** The text comes back as it was sent. */
        ECHO,

        /** A STOMP CONNECT frame gets CONNECTED. */
        STOMP,

        /** SockJS: an open frame first, then each message comes back in an array frame. */
        SOCKJS

    }

    ConfigurableApplicationContext context;

    abstract ConfigurableApplicationContext start(String... properties);

    /** The socket endpoints of the application under the default policy: path and protocol. */
    abstract List<Arguments> endpoints();

    @BeforeAll
    void start() {
        this.context = start(PROPERTIES);
    }

    @AfterAll
    void stop() {
        if (this.context != null) {
            this.context.close();
        }
    }

    Stream<Arguments> handshakes() {
        return endpoints().stream().flatMap((endpoint) -> Stream.of(
                arguments(endpoint.get()[0], endpoint.get()[1], APP, 101),
                arguments(endpoint.get()[0], endpoint.get()[1], null, 101),
                arguments(endpoint.get()[0], endpoint.get()[1], "https://evil.example", 403),
                arguments(endpoint.get()[0], endpoint.get()[1], "null", 403),
                arguments(endpoint.get()[0], endpoint.get()[1], "https://app.example.com.evil.net", 403),
                arguments(endpoint.get()[0], endpoint.get()[1], "http://app.example.com", 403),
                arguments(endpoint.get()[0], endpoint.get()[1], PARTNER, 403)));
    }

    Stream<Arguments> partnerHandshakes() {
        return Stream.of(arguments("/ws/partner/echo", Protocol.ECHO, PARTNER, 101),
                arguments("/ws/partner/echo", Protocol.ECHO, APP, 403),
                arguments("/ws/partner/echo", Protocol.ECHO, null, 101));
    }

    @ParameterizedTest(name = "{0} from {2}: {3}")
    @MethodSource("handshakes")
    void handshakesFollowTheDefaultPolicy(String path, Protocol protocol, String origin, int status) throws Exception {
        assertHandshake(path, protocol, origin, status);
    }

    @ParameterizedTest(name = "{0} from {2}: {3}")
    @MethodSource("partnerHandshakes")
    void aPerPathPolicyOpensOneSocketPathToAnotherOrigin(String path, Protocol protocol, String origin, int status)
            throws Exception {
        assertHandshake(path, protocol, origin, status);
    }

    @Test
    void aPageOfTheApplicationItselfOpensItsSocketWithNoSettingOfItsOwn() throws Exception {
        int port = TestApps.port(this.context);
        assertHandshake("/ws/echo", Protocol.ECHO, "http://127.0.0.1:" + port, 101);
        // Another port of the same host is another origin.
        assertHandshake("/ws/echo", Protocol.ECHO, "http://127.0.0.1:" + (port + 1), 403);
        assertHandshake("/ws/echo", Protocol.ECHO, "https://127.0.0.1:" + port, 403);
    }

    @Test
    void onAPathNoPolicyCoversOnlyTheApplicationsOwnOriginOpensASocket() throws Exception {
        try (ConfigurableApplicationContext perPathOnly = start("app.cors.policies[0].name=partner",
                "app.cors.policies[0].path-patterns=/ws/partner/**", "app.cors.policies[0].allowed-origins=" + PARTNER)) {
            int port = TestApps.port(perPathOnly);
            assertHandshake(perPathOnly, "/ws/echo", "http://127.0.0.1:" + port, 101);
            assertHandshake(perPathOnly, "/ws/echo", null, 101);
            assertHandshake(perPathOnly, "/ws/echo", "https://evil.example", 403);
            assertHandshake(perPathOnly, "/ws/echo", PARTNER, 403);
            assertHandshake(perPathOnly, "/ws/partner/echo", PARTNER, 101);
        }
    }

    @ParameterizedTest(name = "server.forward-headers-strategy={0}")
    @ValueSource(strings = { "framework", "native" })
    void behindAProxyTheApplicationsOwnOriginIsTheOneItsForwardedHeadersName(String strategy) throws Exception {
        String[] forwarded = { "X-Forwarded-Proto", "https", "X-Forwarded-Host", "chat.example.net",
                "X-Forwarded-Port", "443" };
        // Trusted: the page came from https://chat.example.net, as the proxy says.
        try (ConfigurableApplicationContext behindProxy = start(with(PROPERTIES,
                "server.forward-headers-strategy=" + strategy))) {
            assertHandshake(behindProxy, "/ws/echo", "https://chat.example.net", 101, forwarded);
            assertHandshake(behindProxy, "/ws/echo", "https://other.example.net", 403, forwarded);
        }
        // Not trusted (no strategy): the headers say nothing, and that origin is not the server's.
        assertHandshake(this.context, "/ws/echo", "https://chat.example.net", 403, forwarded);
    }

    private static String[] with(String[] properties, String... more) {
        List<String> all = new ArrayList<>(List.of(properties));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    static void assertHandshake(ConfigurableApplicationContext context, String path, String origin, int status,
            String... headers) throws Exception {
        try (RawWebSocket socket = RawWebSocket.open(TestApps.port(context), path, origin, headers)) {
            assertThat(socket.status()).as("%s from %s: %s", path, origin, socket.handshake()).isEqualTo(status);
            if (status == 101) {
                socket.send("hello");
                assertThat(socket.receive()).isEqualTo("hello");
            }
        }
    }

    void assertHandshake(String path, Protocol protocol, String origin, int status) throws Exception {
        // SockJS takes each session id once.
        String target = path.replace("{session}", Long.toHexString(System.nanoTime()));
        try (RawWebSocket socket = RawWebSocket.open(TestApps.port(this.context), target, origin)) {
            assertThat(socket.status()).as("%s from %s: %s", path, origin, socket.handshake()).isEqualTo(status);
            if (status != 101) {
                assertThat(socket.handshake().corsHeaderLines()).isEmpty();
                return;
            }
            switch (protocol) {
                case ECHO -> {
                    socket.send("hello from " + origin);
                    assertThat(socket.receive()).isEqualTo("hello from " + origin);
                }
                case STOMP -> {
                    socket.send("CONNECT\naccept-version:1.2\nhost:localhost\n\n\u0000");
                    assertThat(socket.receive()).startsWith("CONNECTED");
                }
                case SOCKJS -> {
                    assertThat(socket.receive()).isEqualTo("o");
                    socket.send("[\"hello\"]");
                    assertThat(socket.receive()).isEqualTo("a[\"hello\"]");
                }
            }
        }
    }

}
