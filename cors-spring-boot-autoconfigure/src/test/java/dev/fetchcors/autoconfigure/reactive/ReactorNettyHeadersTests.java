package dev.fetchcors.autoconfigure.reactive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.web.SpringWebCompatibility;
import dev.fetchcors.core.CorsConfig;
import dev.fetchcors.core.CorsDecision;
import dev.fetchcors.core.CorsPolicy;
import dev.fetchcors.core.CorsRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebHandler;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a real Reactor Netty server: which requests and responses the {@code WebFilter} reads and writes on Netty's own
 * headers, that what it writes there is what Spring's view and the wire show, and that a request or response a
 * filter before it replaced is read and written through Spring's API, so the replacement is honoured. (Compiled
 * once and run on every Boot line: header calls whose signature changed between Framework lines go through
 * {@link SpringWebCompatibility}.)
 */
class ReactorNettyHeadersTests {

    private static final String ALLOWED = "https://app.example.com";

    private DisposableServer server;

    @AfterEach
    void stop() {
        if (this.server != null) {
            this.server.disposeNow();
        }
    }

    @Test
    void theAdaptersOwnRequestAndResponseAreReadInPlaceAndNothingElse() throws IOException {
        List<String> seen = new ArrayList<>();
        start((exchange) -> {
            seen.add("request " + (ReactorNettyHeaders.of(exchange.getRequest()) != null));
            seen.add("response " + (ReactorNettyHeaders.of(exchange.getResponse()) != null));
            seen.add("mutated request "
                    + (ReactorNettyHeaders.of(exchange.getRequest().mutate().header("X-Test", "1").build()) != null));
            seen.add("decorated response "
                    + (ReactorNettyHeaders.of(new ServerHttpResponseDecorator(exchange.getResponse())) != null));
            return exchange.getResponse().setComplete();
        });
        send("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(seen).containsExactly("request true", "response true", "mutated request false",
                "decorated response false");
    }

    @Test
    void writesShowInSpringsViewAndOnTheWireAsSpelled() throws IOException {
        AtomicReference<String> springView = new AtomicReference<>();
        start((exchange) -> {
            Object headers = ReactorNettyHeaders.of(exchange.getResponse());
            ReactorNettyHeaders.set(headers, "Access-Control-Allow-Origin", ALLOWED);
            ReactorNettyHeaders.set(headers, "Vary", "Origin");
            ReactorNettyHeaders.set(headers, "Vary", "Accept-Encoding, Origin");
            springView.set(exchange.getResponse().getHeaders().getFirst("access-control-allow-origin") + " | "
                    + SpringWebCompatibility.get(exchange.getResponse().getHeaders(), "Vary"));
            return exchange.getResponse().setComplete();
        });
        String head = send("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(springView).hasValue(ALLOWED + " | [Accept-Encoding, Origin]");
        assertThat(head).contains("\r\nAccess-Control-Allow-Origin: " + ALLOWED + "\r\n")
            .contains("\r\nVary: Accept-Encoding, Origin\r\n");
        assertThat(head.split("\r\nVary:", -1)).hasSize(2);
    }

    @Test
    void everyLineOfARepeatedHeaderComesBack() throws IOException {
        AtomicReference<List<String>> lines = new AtomicReference<>();
        AtomicReference<String> first = new AtomicReference<>();
        start((exchange) -> {
            Object headers = ReactorNettyHeaders.of(exchange.getRequest());
            lines.set(ReactorNettyHeaders.lines(headers, "Origin"));
            first.set(ReactorNettyHeaders.first(headers, "Origin"));
            return exchange.getResponse().setComplete();
        });
        send("GET / HTTP/1.1\r\nHost: localhost\r\norigin: https://a.example\r\nOrigin: https://b.example\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(lines.get()).containsExactly("https://a.example", "https://b.example");
        assertThat(first).hasValue("https://a.example");
    }

    @Test
    void aHeaderOnOneLineIsReadAsItsValueAndOnSeveralAsSeveral() throws IOException {
        List<String> seen = new ArrayList<>();
        start((exchange) -> {
            Object headers = ReactorNettyHeaders.of(exchange.getRequest());
            for (String name : List.of("Origin", "Access-Control-Request-Headers", "Access-Control-Request-Method")) {
                seen.add(String.valueOf(ReactorNettyHeaders.only(headers, name, "several")));
            }
            return exchange.getResponse().setComplete();
        });
        send("OPTIONS / HTTP/1.1\r\nHost: localhost\r\nOrigin: https://a.example\r\n"
                + "access-control-request-headers: x-a\r\nAccess-Control-Request-Headers: x-b\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(seen).containsExactly("https://a.example", "several", "null");
    }

    @Test
    void preflightsAreAnsweredAlikeOverNettysHeadersAndThroughARequestAnEarlierFilterMutated() throws IOException {
        // A mutated request's headers are a copy in a map that ignores case, read through Spring's view under
        // lower-case names; Netty's are read in place. Every answer must be the same, the repeated lines included.
        String preflight = "OPTIONS / HTTP/1.1\r\nHost: localhost\r\nAccess-Control-Request-Method: PUT\r\n";
        List<String> requests = List.of(
                preflight + "Origin: " + ALLOWED + "\r\nAccess-Control-Request-Headers: content-type\r\n",
                preflight + "origin: " + ALLOWED + "\r\naccess-control-request-headers: Content-Type, X-A\r\n",
                preflight + "Origin: " + ALLOWED + "\r\nAccess-Control-Request-Headers: content-type\r\n"
                        + "Access-Control-Request-Headers: x-b\r\n",
                preflight + "Origin: " + ALLOWED + "\r\nAccess-Control-Request-Headers: content-type\r\n"
                        + "Access-Control-Request-Headers: x-a\r\n",
                preflight + "Origin: " + ALLOWED + "\r\nOrigin: https://b.example\r\n",
                preflight + "Origin: https://b.example\r\n",
                "GET / HTTP/1.1\r\nHost: localhost\r\nOrigin: " + ALLOWED + "\r\n");
        WebFilter mutate = (exchange, chain) -> chain
            .filter(exchange.mutate().request((request) -> request.header("X-Mutated", "1")).build());
        CorsConfig config = CorsConfig.builder()
            .allowedOrigins(List.of(ALLOWED))
            .allowedMethods(List.of("PUT"))
            .allowedHeaders(List.of("Content-Type", "X-A"))
            .build();
        WebHandler handler = (exchange) -> exchange.getResponse().setComplete();
        List<String> direct = new ArrayList<>();
        start(handler, corsFilter(config));
        for (String request : requests) {
            direct.add(answer(send(request + "Connection: close\r\n\r\n")));
        }
        stop();
        List<String> mutated = new ArrayList<>();
        start(handler, mutate, corsFilter(config));
        for (String request : requests) {
            mutated.add(answer(send(request + "Connection: close\r\n\r\n")));
        }
        assertThat(direct.get(0)).startsWith("HTTP/1.1 204").contains("Access-Control-Allow-Origin: " + ALLOWED);
        assertThat(direct.get(1)).startsWith("HTTP/1.1 204");
        assertThat(direct.get(2)).startsWith("HTTP/1.1 403");
        assertThat(direct.get(3)).startsWith("HTTP/1.1 204");
        assertThat(direct.get(4)).startsWith("HTTP/1.1 403").doesNotContain("Access-Control-Allow-Origin");
        assertThat(direct.get(5)).startsWith("HTTP/1.1 403");
        assertThat(direct.get(6)).startsWith("HTTP/1.1 200").contains("Access-Control-Allow-Origin: " + ALLOWED);
        assertThat(mutated).isEqualTo(direct);
    }

    @Test
    void aKeptDecisionIsCopiedOntoAResponseWithoutHeadersAsItWouldBeWrittenHeaderByHeader() {
        // An origin of this test's own: the prepared decisions are shared by every filter in the JVM.
        String origin = "https://prepared.example.com";
        CorsPolicy policy = CorsPolicy.compile(CorsConfig.builder()
            .allowedOrigins(List.of(origin, "https://*.example.org"))
            .allowedMethods(List.of("PUT"))
            .allowedHeaders(List.of("Content-Type"))
            .allowCredentials(true)
            .maxAge(java.time.Duration.ofHours(1))
            .build());
        CorsDecision kept = policy.evaluate(preflightFrom(origin));
        DefaultHttpHeaders oneByOne = new DefaultHttpHeaders();
        for (int i = 0; i < kept.headerCount(); i++) {
            ReactorNettyHeaders.set(oneByOne, kept.headerName(i), kept.headerValue(i));
        }
        ReactorNettyHeaders.setVary(oneByOne, kept.vary());
        List<String> copies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            DefaultHttpHeaders empty = new DefaultHttpHeaders();
            if (ReactorNettyHeaders.addToEmpty(empty, kept)) {
                assertThat(lines(empty)).isEqualTo(lines(oneByOne));
                copies.add("copied");
            }
            else {
                assertThat(empty.isEmpty()).isTrue();
                copies.add("not copied");
            }
        }
        // The first sighting only notes the decision; a response that has a header already is never written.
        assertThat(copies).containsExactly("not copied", "copied", "copied");
        DefaultHttpHeaders written = new DefaultHttpHeaders();
        written.set("Vary", "Accept-Encoding");
        assertThat(ReactorNettyHeaders.addToEmpty(written, kept)).isFalse();
        assertThat(written.entries()).hasSize(1);
        // A decision made for one request (the origin echoed from it, a pattern's) is never prepared.
        for (int i = 0; i < 3; i++) {
            CorsDecision echoed = policy.evaluate(preflightFrom(new String("https://a.example.org")));
            assertThat(ReactorNettyHeaders.addToEmpty(new DefaultHttpHeaders(), echoed)).isFalse();
        }
    }

    @Test
    void aResponseReactorNettyCreatedTakesThePreparedHeadersBesideItsTransferEncoding() throws IOException {
        // Reactor Netty puts Transfer-Encoding: chunked on every response it creates: the prepared headers are
        // copied beside it, and the response goes out with each line once.
        String origin = "https://fresh.example.com";
        CorsPolicy policy = CorsPolicy.compile(CorsConfig.builder()
            .allowedOrigins(List.of(origin))
            .allowedMethods(List.of("PUT"))
            .allowedHeaders(List.of("Content-Type"))
            .build());
        CorsDecision kept = policy.evaluate(preflightFrom(origin));
        assertThat(kept.headerCount()).isPositive();
        List<String> seen = new ArrayList<>();
        start((exchange) -> {
            Object headers = ReactorNettyHeaders.of(exchange.getResponse());
            seen.add(String.valueOf(((HttpHeaders) headers).names()));
            boolean copied = false;
            for (int i = 0; i < 2 && !copied; i++) {
                copied = ReactorNettyHeaders.addToEmpty(headers, kept);
            }
            seen.add("copied " + copied);
            exchange.getResponse().getHeaders().setContentType(MediaType.TEXT_PLAIN);
            return exchange.getResponse().writeWith(Mono.just(exchange.getResponse().bufferFactory()
                .wrap("ok".getBytes(StandardCharsets.US_ASCII))));
        });
        String head = send("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(seen).containsExactly("[transfer-encoding]", "copied true");
        // Never twice: Reactor Netty keeps its own line, or drops it for a length.
        assertThat(head.split("\r\n")).filteredOn((line) -> line.regionMatches(true, 0, "transfer-encoding:", 0, 18))
            .hasSizeLessThanOrEqualTo(1);
        assertThat(head).contains("Access-Control-Allow-Origin: " + origin + "\r\n");
        assertThat(head.split("\r\n")).filteredOn((line) -> line.regionMatches(true, 0, "vary:", 0, 5))
            .containsExactly("Vary: " + kept.vary());
        DefaultHttpHeaders another = new DefaultHttpHeaders();
        another.add("Transfer-Encoding", "chunked");
        another.add("Vary", "Accept-Encoding");
        assertThat(ReactorNettyHeaders.addToEmpty(another, kept)).isFalse();
        assertThat(ReactorNettyHeaders.addVaryToEmpty(another, "Origin")).isFalse();
    }

    @Test
    void aUsualVaryLineAloneIsCopiedOntoAResponseWithoutHeaders() {
        String preflight = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";
        for (String tokens : List.of("Origin", preflight)) {
            DefaultHttpHeaders oneByOne = new DefaultHttpHeaders();
            ReactorNettyHeaders.setVary(oneByOne, tokens);
            for (int i = 0; i < 2; i++) {
                DefaultHttpHeaders empty = new DefaultHttpHeaders();
                assertThat(ReactorNettyHeaders.addVaryToEmpty(empty, tokens)).isTrue();
                assertThat(lines(empty)).isEqualTo(lines(oneByOne)).containsExactly("Vary: " + tokens);
            }
        }
        DefaultHttpHeaders written = new DefaultHttpHeaders();
        written.set("Vary", "Accept-Encoding");
        assertThat(ReactorNettyHeaders.addVaryToEmpty(written, "Origin")).isFalse();
        assertThat(lines(written)).containsExactly("Vary: Accept-Encoding");
        assertThat(ReactorNettyHeaders.addVaryToEmpty(new DefaultHttpHeaders(), "Origin, Accept")).isFalse();
    }

    @Test
    void theSamePreflightIsAnsweredAlikeEveryTime() throws IOException {
        String preflight = "OPTIONS / HTTP/1.1\r\nHost: localhost\r\nOrigin: " + ALLOWED
                + "\r\nAccess-Control-Request-Method: PUT\r\nAccess-Control-Request-Headers: x-a\r\n"
                + "Connection: close\r\n\r\n";
        start((exchange) -> exchange.getResponse().setComplete(), corsFilter(CorsConfig.builder()
            .allowedOrigins(List.of(ALLOWED))
            .allowedMethods(List.of("PUT"))
            .allowedHeaders(List.of("X-A"))
            .build()));
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(answer(send(preflight)));
        }
        assertThat(answers.get(0)).startsWith("HTTP/1.1 204")
            .contains("Access-Control-Allow-Origin: " + ALLOWED + "\n")
            .contains("Vary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers\n");
        assertThat(answers).containsOnly(answers.get(0));
    }

    private static List<String> lines(DefaultHttpHeaders headers) {
        List<String> lines = new ArrayList<>();
        headers.forEach((header) -> lines.add(header.getKey() + ": " + header.getValue()));
        return lines;
    }

    private static CorsRequest preflightFrom(String origin) {
        return new CorsRequest() {

            @Override
            public String method() {
                return "OPTIONS";
            }

            @Override
            public String header(String name) {
                return switch (name) {
                    case "Origin" -> origin;
                    case "Access-Control-Request-Method" -> "PUT";
                    case "Access-Control-Request-Headers" -> "content-type";
                    default -> null;
                };
            }

        };
    }

    @Test
    void theFilterReadsTheRequestAnEarlierFilterMutated() throws IOException {
        WebFilter dropOrigin = (exchange, chain) -> chain
            .filter(exchange.mutate().request((request) -> request.headers((headers) -> SpringWebCompatibility.remove(headers, "Origin")))
                .build());
        start((exchange) -> exchange.getResponse().setComplete(), dropOrigin, corsFilter());
        String head = send("GET / HTTP/1.1\r\nHost: localhost\r\nOrigin: " + ALLOWED + "\r\nConnection: close\r\n\r\n");
        assertThat(head).doesNotContainIgnoringCase("Access-Control-Allow-Origin").contains("\r\nVary: Origin\r\n");
    }

    @Test
    void theFilterAnswersAlikeOverNettysHeadersAndThroughADecoratedResponse() throws IOException {
        String request = "GET / HTTP/1.1\r\nHost: localhost\r\nOrigin: " + ALLOWED + "\r\nConnection: close\r\n\r\n";
        WebHandler handler = (exchange) -> {
            exchange.getResponse().getHeaders().set("Vary", "Accept-Encoding");
            exchange.getResponse().getHeaders().set("Access-Control-Allow-Origin", "*");
            return exchange.getResponse()
                .writeWith(Mono.just(DefaultDataBufferFactory.sharedInstance.wrap("ok".getBytes(StandardCharsets.UTF_8))));
        };
        start(handler, corsFilter());
        String direct = corsLines(send(request));
        stop();
        WebFilter decorate = (exchange, chain) -> chain
            .filter(exchange.mutate().response(new ServerHttpResponseDecorator(exchange.getResponse())).build());
        start(handler, decorate, corsFilter());
        String decorated = corsLines(send(request));
        assertThat(direct).isEqualTo("Access-Control-Allow-Origin: " + ALLOWED + "\nVary: Accept-Encoding, Origin\n");
        assertThat(decorated).isEqualTo(direct);
    }

    private static WebFilter corsFilter() {
        return corsFilter(CorsConfig.builder().allowedOrigins(List.of(ALLOWED)).build());
    }

    private static WebFilter corsFilter(CorsConfig config) {
        return new FetchCorsWebFilter(CorsPolicyResolver.of(CorsPolicy.compile(config)));
    }

    private void start(WebHandler handler, WebFilter... filters) {
        var httpHandler = WebHttpHandlerBuilder.webHandler(handler).filters((list) -> list.addAll(List.of(filters)))
            .build();
        this.server = HttpServer.create().host("127.0.0.1").port(0)
            .handle(new ReactorHttpHandlerAdapter(httpHandler)).bindNow();
    }

    /** The response's head, as sent. */
    private String send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", this.server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** The status line and the CORS lines of a response's head. */
    private static String answer(String head) {
        return head.substring(0, head.indexOf("\r\n") + 1) + corsLines(head);
    }

    private static String corsLines(String head) {
        StringBuilder lines = new StringBuilder();
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, "Access-Control-", 0, 15) || line.regionMatches(true, 0, "Vary:", 0, 5)) {
                lines.append(line).append('\n');
            }
        }
        return lines.toString();
    }

}
