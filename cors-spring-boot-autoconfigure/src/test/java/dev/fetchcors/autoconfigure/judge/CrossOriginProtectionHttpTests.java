package dev.fetchcors.autoconfigure.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.fetchcors.autoconfigure.http.RawHttp;
import dev.fetchcors.autoconfigure.http.TestApps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CONTRACT section 3, revised, on real servers: a cross-origin request whose origin the policy of its path refuses
 * is refused with 403 before its handler runs, whatever its method, on Tomcat and on Netty; a page of the
 * application itself, requests without {@code Origin} or fetch metadata, navigations, send-only origins and a path
 * whose policy turns the protection off reach their handler. Each row says whether the handler ran, counted by the
 * handler itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossOriginProtectionHttpTests {

    static final String APP = "https://app.example.com";

    static final String EVIL = "https://evil.example";

    static final String IDP = "https://idp.example";

    /** What the applications of this test are configured with. */
    static final String[] PROPERTIES = { "app.cors.allowed-origins=" + APP, "app.cors.allow-credentials=true",
            "app.cors.allowed-methods=PUT,DELETE", "app.cors.policies[0].name=sign-in-callback",
            "app.cors.policies[0].path-patterns=/login/callback", "app.cors.policies[0].send-only-origins=" + IDP,
            "app.cors.policies[1].name=public-api", "app.cors.policies[1].path-patterns=/open/**",
            "app.cors.policies[1].cross-origin-protection=false" };

    /** How many times each handler ran, by path, in every application of this test. */
    static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    private final Map<String, Integer> ports = new ConcurrentHashMap<>();

    @BeforeAll
    void start() {
        String trusted = "server.forward-headers-strategy=framework";
        start("servlet", TestApps.servlet(App.class, false, PROPERTIES));
        start("reactive", TestApps.reactive(App.class, false, PROPERTIES));
        start("servlet, forwarded headers trusted", TestApps.servlet(App.class, false, with(trusted)));
        start("reactive, forwarded headers trusted", TestApps.reactive(App.class, false, with(trusted)));
    }

    private void start(String name, ConfigurableApplicationContext context) {
        this.contexts.add(context);
        this.ports.put(name, TestApps.port(context));
    }

    private static String[] with(String property) {
        List<String> all = new ArrayList<>(List.of(PROPERTIES));
        all.add(property);
        return all.toArray(String[]::new);
    }

    @AfterAll
    void stop() {
        this.contexts.forEach(ConfigurableApplicationContext::close);
    }

    /** A request, the status it must get, and whether its handler may run. */
    record Row(String name, String method, String path, int status, boolean runs, String... headers) {

        @Override
        public String toString() {
            return this.name;
        }

    }

    static Stream<Row> rows() {
        String form = "application/x-www-form-urlencoded";
        return Stream.of(
                // What Spring's CorsFilter refuses, and the starter now refuses too: nothing runs.
                new Row("a text/plain POST from a refused origin, with a session cookie", "POST", "/api/transfer", 403,
                        false, "Origin", EVIL, "Content-Type", "text/plain", "Cookie", "SESSION=1",
                        "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "no-cors"),
                new Row("a cross-site form POST", "POST", "/api/transfer", 403, false, "Origin", EVIL, "Content-Type",
                        form, "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "navigate", "Sec-Fetch-Dest",
                        "document"),
                new Row("a PUT from a non-browser client with a refused Origin", "PUT", "/api/transfer", 403, false,
                        "Origin", EVIL),
                new Row("a DELETE after a cached preflight", "DELETE", "/api/transfer", 403, false, "Origin", EVIL,
                        "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "cors"),
                new Row("a cors-mode GET from a refused origin", "GET", "/api/transfer", 403, false, "Origin", EVIL,
                        "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "cors"),
                new Row("a POST from a sandboxed frame (Origin: null)", "POST", "/api/transfer", 403, false,
                        "Origin", "null", "Content-Type", "text/plain", "Sec-Fetch-Site", "cross-site"),
                new Row("a POST to a handler that throws", "POST", "/api/boom", 403, false, "Origin", EVIL),
                new Row("no Origin, but Sec-Fetch-Site: cross-site and a POST", "POST", "/api/transfer", 403, false,
                        "Sec-Fetch-Site", "cross-site", "Content-Type", "text/plain"),
                new Row("no Origin, but Sec-Fetch-Site: same-site and a DELETE", "DELETE", "/api/transfer", 403,
                        false, "Sec-Fetch-Site", "same-site"),
                // What must keep running.
                new Row("an allowed origin", "POST", "/api/transfer", 200, true, "Origin", APP, "Sec-Fetch-Site",
                        "cross-site"),
                new Row("no Origin and no fetch metadata (a server, a webhook)", "POST", "/api/transfer", 200, true,
                        "Content-Type", "application/json"),
                new Row("a navigation by GET with cross-site fetch metadata (a link)", "GET", "/api/transfer", 200,
                        true, "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "navigate", "Sec-Fetch-Dest",
                        "document"),
                new Row("an image GET with cross-site fetch metadata", "GET", "/api/transfer", 200, true,
                        "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "no-cors", "Sec-Fetch-Dest", "image"),
                new Row("Sec-Fetch-Site: none (the user typed the address)", "POST", "/api/transfer", 200, true,
                        "Origin", "https://bookmark.example", "Sec-Fetch-Site", "none"),
                new Row("a page of the application itself, Sec-Fetch-Site: same-origin", "POST", "/api/transfer",
                        200, true, "Origin", "https://app.public.example", "Sec-Fetch-Site", "same-origin"),
                new Row("a page of the application itself, without fetch metadata", "POST", "/api/transfer", 200,
                        true, "Origin", "http://127.0.0.1:{port}"),
                new Row("a send-only origin's form_post callback runs", "POST", "/login/callback", 200, true, "Origin",
                        IDP, "Content-Type", form, "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "navigate"),
                new Row("the send-only origin elsewhere is refused", "POST", "/api/transfer", 403, false, "Origin",
                        IDP, "Content-Type", form, "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "navigate"),
                new Row("a path whose policy turns the protection off", "POST", "/open/thing", 200, true, "Origin",
                        EVIL, "Sec-Fetch-Site", "cross-site"));
    }

    static Stream<Arguments> cases() {
        return rows().flatMap((row) -> Stream.of(Arguments.of("servlet", row), Arguments.of("reactive", row)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void refusedOriginsRunNothingAndEverythingElseRuns(String stack, Row row) throws Exception {
        int port = this.ports.get(stack);
        RawHttp.Response response = send(port, row);
        assertThat(response.status()).as("%s: %s", row, response).isEqualTo(row.status());
        if (row.status() == 403) {
            assertThat(response.corsHeaderLines()).as("no CORS headers: %s", response).isEmpty();
            assertThat(response.all("Vary")).as(response.toString()).anyMatch((vary) -> vary.contains("Origin"));
        }
        if (row.path().equals("/login/callback")) {
            assertThat(response.first("Access-Control-Allow-Origin")).as("a send-only origin reads nothing").isNull();
        }
    }

    /**
     * The same-origin rule follows the scheme, host and port Spring sees: a page served as
     * {@code https://app.public.example} behind a proxy is the application's own where the forwarded headers are
     * trusted, and another origin where they are not.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void forwardedHeadersCountOnlyWhereTheyAreTrusted(String stack) throws Exception {
        String[] headers = { "Origin", "https://app.public.example", "X-Forwarded-Proto", "https", "X-Forwarded-Host",
                "app.public.example", "X-Forwarded-Port", "443" };
        Row trusted = new Row("same origin behind a trusted proxy", "POST", "/api/transfer", 200, true, headers);
        Row untrusted = new Row("forwarded headers ignored", "POST", "/api/transfer", 403, false, headers);
        assertThat(send(this.ports.get(stack + ", forwarded headers trusted"), trusted).status()).isEqualTo(200);
        assertThat(send(this.ports.get(stack), untrusted).status()).isEqualTo(403);
    }

    static Stream<String> stacks() {
        return Stream.of("servlet", "reactive");
    }

    /** Sends a row's request and checks, by the handler's own count, whether it ran. */
    private static RawHttp.Response send(int port, Row row) throws Exception {
        String[] headers = row.headers().clone();
        for (int i = 0; i < headers.length; i++) {
            headers[i] = headers[i].replace("{port}", Integer.toString(port));
        }
        int before = RUNS.computeIfAbsent(row.path(), (path) -> new AtomicInteger()).get();
        RawHttp.Response response = RawHttp.send(port, row.method(), row.path(), headers);
        int ran = RUNS.get(row.path()).get() - before;
        assertThat(ran).as("%s: times the handler ran (%s)", row, response).isEqualTo(row.runs() ? 1 : 0);
        return response;
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(CountingController.class)
    static class App {

    }

    /** Handlers with side effects, each counting the times it ran. */
    @RestController
    static class CountingController {

        @RequestMapping("/api/transfer")
        String transfer() {
            return count("/api/transfer");
        }

        @RequestMapping("/login/callback")
        String callback() {
            return count("/login/callback");
        }

        @RequestMapping("/open/thing")
        String open() {
            return count("/open/thing");
        }

        @RequestMapping("/api/boom")
        String boom() {
            count("/api/boom");
            throw new IllegalStateException("fails on purpose");
        }

        private static String count(String path) {
            RUNS.computeIfAbsent(path, (key) -> new AtomicInteger()).incrementAndGet();
            return "ran " + path;
        }

    }

}
