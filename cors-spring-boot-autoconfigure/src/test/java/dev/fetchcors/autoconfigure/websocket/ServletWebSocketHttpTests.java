package dev.fetchcors.autoconfigure.websocket;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import dev.fetchcors.autoconfigure.CorsConfigCustomizer;
import dev.fetchcors.autoconfigure.http.RawHttp;
import dev.fetchcors.autoconfigure.http.RawWebSocket;
import dev.fetchcors.autoconfigure.http.TestApps;
import dev.fetchcors.autoconfigure.judge.CorsJudge;
import dev.fetchcors.autoconfigure.shadow.ShadowModeHttpTests;
import dev.fetchcors.autoconfigure.shadow.ShadowReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * WebSocket handshakes on Spring MVC and Tomcat: a plain handler, a STOMP endpoint and a SockJS endpoint, none with
 * an origin setting of its own, and one whose application set origins itself.
 */
class ServletWebSocketHttpTests extends WebSocketHttpTests {

    static final String OTHER = "https://other.example";

    @Override
    ConfigurableApplicationContext start(String... properties) {
        return TestApps.servlet(App.class, false, properties);
    }

    @Override
    List<Arguments> endpoints() {
        return List.of(arguments("/ws/echo", Protocol.ECHO), arguments("/ws/stomp", Protocol.STOMP),
                arguments("/ws/sock/000/{session}/websocket", Protocol.SOCKJS));
    }

    @Test
    void anEndpointWithOriginsOfItsOwnKeepsItsOwnCheckToo() throws Exception {
        // The policy allows APP, the endpoint does not: Spring's check still refuses it.
        assertHandshake("/ws/explicit", Protocol.ECHO, APP, 403);
        // The endpoint allows other.example, the policy does not: the filter refuses it.
        assertHandshake("/ws/explicit", Protocol.ECHO, "https://other.example", 403);
        assertHandshake("/ws/explicit", Protocol.ECHO, null, 101);
    }

    @Test
    void sockJsHttpTransportsCarryOneSetOfCorsHeadersTheStartersOwn() throws Exception {
        int port = TestApps.port(this.context);
        RawHttp.Response info = RawHttp.send(port, "GET", "/ws/sock/info", "Origin", APP);
        assertThat(info.status()).as(info.toString()).isEqualTo(200);
        assertThat(info.all("Access-Control-Allow-Origin")).containsExactly(APP);
        assertThat(info.all("Access-Control-Allow-Credentials")).containsExactly("true");
        assertThat(info.corsHeaderLines()).doesNotHaveDuplicates();

        RawHttp.Response refused = RawHttp.send(port, "GET", "/ws/sock/info", "Origin", "https://evil.example");
        assertThat(refused.corsHeaderLines()).as(refused.toString()).isEmpty();

        // A preflight for an XHR transport is the filter's to answer; SockJS never sees it.
        RawHttp.Response preflight = RawHttp.send(port, "OPTIONS", "/ws/sock/000/session2/xhr_send", "Origin", APP,
                "Access-Control-Request-Method", "POST");
        assertThat(preflight.status()).as(preflight.toString()).isEqualTo(204);
        assertThat(preflight.all("Access-Control-Allow-Origin")).containsExactly(APP);
        assertThat(preflight.corsHeaderLines()).doesNotHaveDuplicates();
    }

    @Test
    void sockJsHttpTransportsOpenSessionsForTheOriginsThePolicyAllowsOnly() throws Exception {
        int port = TestApps.port(this.context);
        RawHttp.Response allowed = RawHttp.send(port, "POST", "/ws/sock/000/xhr1/xhr", "Origin", APP);
        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);
        assertThat(allowed.body()).startsWith("o");
        assertThat(allowed.all("Access-Control-Allow-Origin")).containsExactly(APP);
        for (String origin : new String[] { "https://evil.example", "null", "https://app.example.com.evil.net" }) {
            RawHttp.Response refused = RawHttp.send(port, "POST", "/ws/sock/000/xhr2/xhr", "Origin", origin);
            assertThat(refused.status()).as(origin + ": " + refused).isEqualTo(403);
            assertThat(refused.corsHeaderLines()).as(origin).isEmpty();
        }
        // A streaming transport opens a session as well; refused, it answers at once.
        RawHttp.Response streaming = RawHttp.send(port, "GET", "/ws/sock/000/xhr3/eventsource", "Origin",
                "https://evil.example");
        assertThat(streaming.status()).as(streaming.toString()).isEqualTo(403);
    }

    @Test
    void aRefusedOriginSendsNothingIntoASessionOpenedWithoutAnOrigin() throws Exception {
        String session = "/ws/sock/000/injected" + System.nanoTime();
        try (RawHttp.Connection connection = RawHttp.connect(TestApps.port(this.context))) {
            // Opened as a navigation to the transport URL, or a server-side client, opens it: no Origin.
            RawHttp.Response open = connection.send("POST", session + "/xhr", null);
            assertThat(open.status()).as(open.toString()).isEqualTo(200);
            assertThat(open.body()).startsWith("o");
            RawHttp.Response injected = connection.send("POST", session + "/xhr_send", "[\"from evil\"]", "Origin",
                    "https://evil.example", "Content-Type", "text/plain");
            assertThat(injected.status()).as(injected.toString()).isEqualTo(403);
            assertThat(injected.corsHeaderLines()).isEmpty();
            // The session lives on, and has seen nothing: its next message is the first the handler receives.
            RawHttp.Response sent = connection.send("POST", session + "/xhr_send", "[\"from the owner\"]",
                    "Content-Type", "text/plain");
            assertThat(sent.status()).as(sent.toString()).isEqualTo(204);
            RawHttp.Response poll = connection.send("POST", session + "/xhr", null);
            assertThat(poll.body()).as(poll.toString()).isEqualTo("a[\"from the owner\"]\n");
        }
        assertThat(Echo.received).contains("from the owner").doesNotContain("from evil");
    }

    @Test
    void everySockJsTransportFromARefusedOriginIsRefusedWhateverSessionItNames() throws Exception {
        int port = TestApps.port(this.context);
        String[][] transports = { { "POST", "xhr" }, { "POST", "xhr_streaming" }, { "GET", "eventsource" },
                { "GET", "htmlfile?c=callback" }, { "POST", "xhr_send" } };
        for (String origin : new String[] { "https://evil.example", "null", "https://app.example.com.evil.net" }) {
            for (String[] transport : transports) {
                String session = "/ws/sock/000/refused" + System.nanoTime();
                RawHttp.Response refused = RawHttp.send(port, transport[0], session + "/" + transport[1], "Origin",
                        origin, "Content-Type", "text/plain", "Content-Length", "0");
                assertThat(refused.status()).as("%s %s from %s: %s", transport[0], transport[1], origin, refused)
                    .isEqualTo(403);
                assertThat(refused.corsHeaderLines()).isEmpty();
                // No session was opened for it.
                RawHttp.Response after = RawHttp.send(port, "POST", session + "/xhr_send", "Content-Type",
                        "text/plain", "Content-Length", "0");
                assertThat(after.status()).as("%s after %s from %s", after, transport[1], origin).isEqualTo(404);
            }
            RawHttp.Response info = RawHttp.send(port, "GET", "/ws/sock/info", "Origin", origin);
            assertThat(info.status()).as("info from %s: %s", origin, info).isEqualTo(403);
        }
    }

    @Test
    void theAllowedOriginOpensSendsAndReceivesOverXhr() throws Exception {
        String session = "/ws/sock/000/allowed" + System.nanoTime();
        try (RawHttp.Connection connection = RawHttp.connect(TestApps.port(this.context))) {
            RawHttp.Response open = connection.send("POST", session + "/xhr", null, "Origin", APP);
            assertThat(open.body()).as(open.toString()).startsWith("o");
            assertThat(open.all("Access-Control-Allow-Origin")).containsExactly(APP);
            RawHttp.Response sent = connection.send("POST", session + "/xhr_send", "[\"hello\"]", "Origin", APP,
                    "Content-Type", "text/plain");
            assertThat(sent.status()).as(sent.toString()).isEqualTo(204);
            assertThat(sent.all("Access-Control-Allow-Origin")).containsExactly(APP);
            RawHttp.Response poll = connection.send("POST", session + "/xhr", null, "Origin", APP);
            assertThat(poll.body()).as(poll.toString()).isEqualTo("a[\"hello\"]\n");
        }
    }

    @Test
    void aPageOfTheApplicationItselfOpensASockJsSession() throws Exception {
        int port = TestApps.port(this.context);
        RawHttp.Response open = RawHttp.send(port, "POST", "/ws/sock/000/own" + System.nanoTime() + "/xhr", "Origin",
                "http://127.0.0.1:" + port, "Content-Length", "0");
        assertThat(open.status()).as(open.toString()).isEqualTo(200);
        assertThat(open.body()).startsWith("o");
        assertThat(open.corsHeaderLines()).isEmpty();
    }

    @Test
    void withTheWebSocketSupportOffSpringsOwnSameOriginCheckDecidesAgain() throws Exception {
        try (ConfigurableApplicationContext off = TestApps.servlet(App.class, false, "app.cors.allowed-origins=" + APP,
                "app.cors.websocket.enabled=false")) {
            try (RawWebSocket socket = RawWebSocket.open(TestApps.port(off), "/ws/echo", APP)) {
                assertThat(socket.status()).isEqualTo(403);
            }
        }
    }

    /**
     * In shadow mode the endpoints keep the origin checks the application gave them (Spring's same-origin check,
     * SockJS's own CORS): what is sent is what the application alone sends, and the policy's verdicts are reported.
     */
    @Test
    void inShadowModeEveryEndpointKeepsItsOwnCheckAndTheDifferencesAreReported() throws Exception {
        try (ConfigurableApplicationContext shadow = TestApps.servlet(App.class, false, "app.cors.mode=shadow",
                "app.cors.allowed-origins=" + APP);
                ConfigurableApplicationContext alone = TestApps.servlet(App.class, false, "app.cors.enabled=false")) {
            ShadowReport report = shadow.getBean(CorsJudge.class).shadowReport();
            int port = TestApps.port(shadow);
            String own = "http://127.0.0.1:" + port;
            String[] origins = { APP, "https://evil.example", own };
            int[] expected = { 403, 403, 101 };
            for (int i = 0; i < origins.length; i++) {
                try (RawWebSocket socket = RawWebSocket.open(port, "/ws/echo", origins[i])) {
                    assertThat(socket.status()).as("/ws/echo from %s", origins[i]).isEqualTo(expected[i]);
                }
            }
            String[][] transports = { { "GET", "/ws/sock/info" }, { "POST", "/ws/sock/000/shadow1/xhr" } };
            for (String[] transport : transports) {
                RawHttp.Response sent = RawHttp.send(port, transport[0], transport[1], "Origin", APP,
                        "Content-Length", "0");
                RawHttp.Response byItself = RawHttp.send(TestApps.port(alone), transport[0], transport[1], "Origin",
                        APP, "Content-Length", "0");
                assertThat(ShadowModeHttpTests.wire(sent).replaceAll("\\d{13,}", "…"))
                    .as("%s %s", transport[0], transport[1])
                    .isEqualTo(ShadowModeHttpTests.wire(byItself).replaceAll("\\d{13,}", "…"));
                assertThat(sent.status()).isEqualTo(403);
            }
            ShadowReport.Snapshot snapshot = ShadowModeHttpTests.awaitCompared(report, 5);
            assertThat(snapshot.differences())
                .extracting((d) -> d.difference().kind() + " " + d.difference().verdict().tag() + "/"
                        + d.difference().aspect().tag() + " " + d.method() + " " + d.origin())
                .containsExactlyInAnyOrder("WEBSOCKET would-open/origin GET " + APP,
                        "ACTUAL would-open/origin GET " + APP, "ACTUAL would-open/origin POST " + APP);
        }
    }

    /**
     * Shadow mode refuses nothing, where no policy covers a path either: an endpoint with origins of its own opens to
     * them, as without the starter (where its policy enforced, the starter would allow its own origin only).
     */
    @Test
    void inShadowModeAPathNoPolicyCoversKeepsTheEndpointsOwnCheck() throws Exception {
        String[] perPathOnly = { "app.cors.policies[0].name=partner", "app.cors.policies[0].path-patterns=/ws/partner/**",
                "app.cors.policies[0].allowed-origins=" + PARTNER };
        try (ConfigurableApplicationContext enforced = TestApps.servlet(App.class, false, perPathOnly);
                ConfigurableApplicationContext shadow = TestApps.servlet(App.class, false,
                        concat(perPathOnly, "app.cors.mode=shadow"))) {
            assertHandshake(enforced, "/ws/explicit", OTHER, 403);
            assertHandshake(shadow, "/ws/explicit", OTHER, 101);
            // Spring's same-origin check of an endpoint without origins refuses it, as without the starter.
            assertHandshake(shadow, "/ws/echo", OTHER, 403);
            ShadowReport.Snapshot snapshot = ShadowModeHttpTests
                .awaitCompared(shadow.getBean(CorsJudge.class).shadowReport(), 2);
            assertThat(snapshot.differences())
                .extracting((d) -> d.difference().kind() + " " + d.difference().verdict().tag() + " " + d.origin())
                .containsExactly("WEBSOCKET would-break " + OTHER);
        }
    }

    /**
     * The mode is read from each request's policy: after a refresh into shadow mode, every SockJS endpoint answers as
     * the application alone does, its own CORS headers and origin check included, and back again.
     */
    @Test
    void aRefreshIntoShadowModeHandsEverySockJsEndpointBackToTheApplication(@TempDir Path directory)
            throws Exception {
        Path file = directory.resolve("cors.properties");
        Files.writeString(file, "app.cors.allowed-origins=" + APP + "\n");
        try (ConfigurableApplicationContext context = TestApps.servlet(App.class, false,
                "spring.config.import=file:" + file.toAbsolutePath());
                ConfigurableApplicationContext alone = TestApps.servlet(App.class, false, "app.cors.enabled=false")) {
            int port = TestApps.port(context);
            assertThat(RawHttp.send(port, "GET", "/ws/sock-own/info", "Origin", OTHER).status()).isEqualTo(403);
            Files.writeString(file, "app.cors.allowed-origins=" + APP + "\napp.cors.mode=shadow\n");
            assertThat(context.getBean(ContextRefresher.class).refresh()).contains("app.cors.mode");
            for (String[] request : new String[][] { { "/ws/sock-own/info", OTHER }, { "/ws/sock-own/info", APP },
                    { "/ws/sock/info", APP }, { "/ws/sock/info", OTHER } }) {
                RawHttp.Response sent = RawHttp.send(port, "GET", request[0], "Origin", request[1]);
                RawHttp.Response byItself = RawHttp.send(TestApps.port(alone), "GET", request[0], "Origin",
                        request[1]);
                assertThat(sockJsWire(sent)).as("%s from %s", request[0], request[1])
                    .isEqualTo(sockJsWire(byItself));
            }
            assertThat(RawHttp.send(port, "GET", "/ws/sock-own/info", "Origin", OTHER).status()).isEqualTo(200);
            Files.writeString(file, "app.cors.allowed-origins=" + APP + "\n");
            context.getBean(ContextRefresher.class).refresh();
            RawHttp.Response enforced = RawHttp.send(port, "GET", "/ws/sock-own/info", "Origin", OTHER);
            assertThat(enforced.status()).isEqualTo(403);
            assertThat(enforced.corsHeaderLines()).isEmpty();
        }
    }

    /**
     * A policy that does not judge handshakes leaves SockJS to Spring's own checks, never more open: its {@code info}
     * from another origin is refused as Spring refuses it by default.
     */
    @Test
    void aPolicyThatDoesNotJudgeHandshakesLeavesSockJsAsSpringHasIt() throws Exception {
        try (ConfigurableApplicationContext context = TestApps.servlet(NoHandshakesApp.class, false,
                "app.cors.allowed-origins=" + APP);
                ConfigurableApplicationContext alone = TestApps.servlet(App.class, false, "app.cors.enabled=false")) {
            for (String origin : new String[] { "https://evil.example", OTHER, APP }) {
                RawHttp.Response sent = RawHttp.send(TestApps.port(context), "GET", "/ws/sock/info", "Origin", origin);
                assertThat(sent.status()).as("/ws/sock/info from %s", origin).isEqualTo(403);
                assertThat(RawHttp.send(TestApps.port(alone), "GET", "/ws/sock/info", "Origin", origin).status())
                    .isEqualTo(403);
            }
        }
    }

    /** The response but for the date, and the entropy SockJS's info carries, and so its length. */
    private static String sockJsWire(RawHttp.Response response) {
        return ShadowModeHttpTests.wire(response)
            .replaceAll("\"entropy\":-?\\d+", "\"entropy\":…")
            .replaceAll("content-length: \\d+", "content-length: …");
    }

    private static String[] concat(String[] properties, String... more) {
        return Stream.concat(Stream.of(properties), Stream.of(more)).toArray(String[]::new);
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @Import(App.class)
    static class NoHandshakesApp {

        @Bean
        CorsConfigCustomizer noHandshakes() {
            return (policyName, builder) -> builder.webSocketHandshakes(false);
        }

    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @EnableWebSocket
    @EnableWebSocketMessageBroker
    static class App implements WebSocketConfigurer, WebSocketMessageBrokerConfigurer {

        @Override
        public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
            registry.addHandler(new Echo(), "/ws/echo", "/ws/partner/echo");
            registry.addHandler(new Echo(), "/ws/explicit").setAllowedOrigins(OTHER);
            registry.addHandler(new Echo(), "/ws/sock").withSockJS();
            registry.addHandler(new Echo(), "/ws/sock-own").setAllowedOrigins(OTHER).withSockJS();
        }

        @Override
        public void registerStompEndpoints(StompEndpointRegistry registry) {
            registry.addEndpoint("/ws/stomp");
        }

        @Override
        public void configureMessageBroker(MessageBrokerRegistry registry) {
            registry.enableSimpleBroker("/topic");
        }

    }

    static class Echo extends TextWebSocketHandler {

        /** Every message any echo endpoint received. */
        static final List<String> received = new CopyOnWriteArrayList<>();

        @Override
        protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
            received.add(message.getPayload());
            session.sendMessage(new TextMessage(message.getPayload()));
        }

    }

}
