package dev.fetchcors.autoconfigure.judge;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
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
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.HttpBasicServerAuthenticationEntryPoint;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cross-origin protection in front of Spring Security, on Tomcat and on Netty: an API under {@code /api/**} that
 * Security guards with HTTP Basic, CSRF off as an API called with credentials has it. A browser attaches the Basic
 * credentials it remembers (as it attaches a session cookie) to a refused origin's form POST or fetch, so with CSRF
 * off nothing in Security would stop such a request; the starter refuses it with 403 before Security runs: the
 * credentials are never looked up, the authentication entry point never runs (no {@code WWW-Authenticate}
 * challenge, which would make a browser ask the user for a password on the other site's behalf), and the handler
 * never runs. An allowed origin still has to authenticate, 401 with the challenge or 200, with CORS headers on both;
 * a page of the application itself and a client without {@code Origin} get what Security alone gives them, checked
 * against twins of the applications without the starter ({@code app.cors.enabled=false}). Each of Security's entry
 * point, its user lookup and the handler counts the times it ran.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossOriginProtectionSecurityHttpTests {

    static final String APP = "https://app.example.com";

    static final String EVIL = "https://evil.example";

    static final String BASIC = "Basic "
            + Base64.getEncoder().encodeToString("user:secret".getBytes(StandardCharsets.UTF_8));

    static final String WRONG = "Basic "
            + Base64.getEncoder().encodeToString("user:guessed".getBytes(StandardCharsets.UTF_8));

    static final String[] PROPERTIES = { "app.cors.allowed-origins=" + APP, "app.cors.allow-credentials=true",
            "app.cors.allowed-headers=Authorization,Content-Type" };

    /** The same applications without the starter: Spring Security alone. */
    static final String SECURITY_ALONE = ", Security alone";

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    private final Map<String, ConfigurableApplicationContext> apps = new ConcurrentHashMap<>();

    @BeforeAll
    void start() {
        start("servlet", TestApps.servlet(MvcApp.class, true, PROPERTIES));
        start("reactive", TestApps.reactive(FluxApp.class, true, PROPERTIES));
        start("servlet" + SECURITY_ALONE, TestApps.servlet(MvcApp.class, true, "app.cors.enabled=false"));
        start("reactive" + SECURITY_ALONE, TestApps.reactive(FluxApp.class, true, "app.cors.enabled=false"));
    }

    private void start(String name, ConfigurableApplicationContext context) {
        this.contexts.add(context);
        this.apps.put(name, context);
    }

    @AfterAll
    void stop() {
        this.contexts.forEach(ConfigurableApplicationContext::close);
    }

    /**
     * A request to {@code /api/orders} and the status it must get. The rest follows from its headers and the
     * status: the allowed origin's answers carry its CORS headers and every other answer none; Security's entry
     * point runs for a 401, which challenges ({@code WWW-Authenticate: Basic}), and for nothing else; the
     * credentials sent are looked up unless the request is refused (403); the handler runs for a 200 alone.
     */
    record Row(String name, String method, int status, String... headers) {

        String header(String name) {
            for (int i = 0; i < this.headers.length; i += 2) {
                if (this.headers[i].equalsIgnoreCase(name)) {
                    return this.headers[i + 1];
                }
            }
            return null;
        }

        /** A page of the application itself or a client without {@code Origin}: Security alone decides. */
        boolean securityAlone() {
            String origin = header("Origin");
            return origin == null ? header("Sec-Fetch-Site") == null : origin.startsWith("http://127.0.0.1:");
        }

        @Override
        public String toString() {
            return this.name;
        }

    }

    static Stream<Row> rows() {
        String form = "application/x-www-form-urlencoded";
        String text = "text/plain;charset=UTF-8";
        String self = "http://127.0.0.1:{port}";
        return Stream.of(
                // A refused origin meets neither Security nor the handler, whatever it sends.
                new Row("refused origin: a text/plain POST without credentials", "POST", 403, "Origin", EVIL,
                        "Content-Type", text, "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "no-cors"),
                new Row("refused origin: a form POST with the Basic credentials the browser remembers", "POST", 403,
                        "Origin", EVIL, "Authorization", BASIC, "Content-Type", form, "Sec-Fetch-Site", "cross-site",
                        "Sec-Fetch-Mode", "navigate", "Sec-Fetch-Dest", "document"),
                new Row("refused origin: a cors-mode GET with credentials", "GET", 403, "Origin", EVIL,
                        "Authorization", BASIC, "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "cors"),
                new Row("refused origin: a GET without credentials, never challenged", "GET", 403, "Origin", EVIL,
                        "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "cors"),
                new Row("refused origin: wrong credentials, never checked", "POST", 403, "Origin", EVIL,
                        "Authorization", WRONG, "Content-Type", text, "Sec-Fetch-Site", "cross-site"),
                new Row("Origin: null (a sandboxed frame) with credentials", "POST", 403, "Origin", "null",
                        "Authorization", BASIC, "Content-Type", form, "Sec-Fetch-Site", "cross-site"),
                new Row("no Origin, but Sec-Fetch-Site: cross-site, a POST with credentials", "POST", 403,
                        "Authorization", BASIC, "Content-Type", form, "Sec-Fetch-Site", "cross-site"),
                // An allowed origin authenticates as before, and reads both answers.
                new Row("allowed origin without credentials: challenged", "GET", 401, "Origin", APP,
                        "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "cors"),
                new Row("allowed origin with wrong credentials: challenged", "GET", 401, "Origin", APP,
                        "Authorization", WRONG, "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "cors"),
                new Row("allowed origin with credentials", "GET", 200, "Origin", APP, "Authorization", BASIC,
                        "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "cors"),
                new Row("allowed origin: a POST with credentials", "POST", 200, "Origin", APP, "Authorization", BASIC,
                        "Content-Type", text, "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "cors"),
                // The application's own page and non-browser clients: as with Security alone.
                new Row("own page: a form POST without credentials", "POST", 401, "Origin", self, "Content-Type",
                        form, "Sec-Fetch-Site", "same-origin", "Sec-Fetch-Mode", "navigate"),
                new Row("own page: a fetch POST with credentials", "POST", 200, "Origin", self, "Authorization",
                        BASIC, "Content-Type", text, "Sec-Fetch-Site", "same-origin", "Sec-Fetch-Mode", "cors"),
                new Row("own page, without fetch metadata: a POST with wrong credentials", "POST", 401, "Origin", self,
                        "Authorization", WRONG, "Content-Type", text),
                new Row("no Origin (a server): a POST without credentials", "POST", 401, "Content-Type", text),
                new Row("no Origin (a server): a POST with credentials", "POST", 200, "Authorization", BASIC,
                        "Content-Type", text));
    }

    static Stream<Arguments> cases() {
        return rows().flatMap((row) -> Stream.of("servlet", "reactive")
            .flatMap((stack) -> row.securityAlone() ? Stream.of(stack, stack + SECURITY_ALONE) : Stream.of(stack))
            .map((app) -> Arguments.of(app, row)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void refusedOriginsNeverMeetSecurityAndTheOthersAuthenticateAsBefore(String app, Row row) throws Exception {
        ConfigurableApplicationContext context = this.apps.get(app);
        Counts counts = context.getBean(Counts.class);
        int port = TestApps.port(context);
        String[] headers = row.headers().clone();
        for (int i = 0; i < headers.length; i++) {
            headers[i] = headers[i].replace("{port}", Integer.toString(port));
        }
        int handler = counts.handler.get();
        int challenges = counts.challenges.get();
        int lookups = counts.lookups.get();
        RawHttp.Response response = RawHttp.send(port, row.method(), "/api/orders", headers);

        assertThat(counts.handler.get() - handler).as("times the handler ran (%s)", response)
            .isEqualTo(row.status() == 200 ? 1 : 0);
        assertThat(counts.challenges.get() - challenges).as("times Security's entry point ran (%s)", response)
            .isEqualTo(row.status() == 401 ? 1 : 0);
        assertThat(counts.lookups.get() - lookups).as("times Security looked the user up (%s)", response)
            .isEqualTo(row.header("Authorization") != null && row.status() != 403 ? 1 : 0);
        assertThat(response.status()).as("%s", response).isEqualTo(row.status());
        if (row.status() == 401) {
            assertThat(response.all("WWW-Authenticate")).as(response.toString()).singleElement()
                .asString()
                .startsWith("Basic ");
        }
        else {
            assertThat(response.all("WWW-Authenticate")).as(response.toString()).isEmpty();
        }
        if (APP.equals(row.header("Origin"))) {
            assertThat(response.all("Access-Control-Allow-Origin")).as(response.toString()).containsExactly(APP);
            assertThat(response.all("Access-Control-Allow-Credentials")).as(response.toString())
                .containsExactly("true");
        }
        else {
            assertThat(response.corsHeaderLines()).as("no CORS headers: %s", response).isEmpty();
        }
        if (row.status() == 403) {
            assertThat(response.all("Vary")).as(response.toString()).anyMatch((vary) -> vary.contains("Origin"));
        }
    }

    /** How many times each part of an application ran. */
    static class Counts {

        final AtomicInteger handler = new AtomicInteger();

        final AtomicInteger challenges = new AtomicInteger();

        final AtomicInteger lookups = new AtomicInteger();

    }

    /** A handler with a side effect. */
    @RestController
    static class OrdersController {

        private final Counts counts;

        OrdersController(Counts counts) {
            this.counts = counts;
        }

        @RequestMapping("/api/orders")
        String order() {
            this.counts.handler.incrementAndGet();
            return "ordered";
        }

    }

    static UserDetails user() {
        return User.withUsername("user").password("{noop}secret").roles("USER").build();
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import({ Counts.class, OrdersController.class })
    static class MvcApp {

        @Bean
        SecurityFilterChain securityFilterChain(HttpSecurity http, Counts counts) throws Exception {
            BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
            basic.setRealmName("orders");
            AuthenticationEntryPoint counting = (request, response, exception) -> {
                counts.challenges.incrementAndGet();
                basic.commence(request, response, exception);
            };
            http.csrf((csrf) -> csrf.disable())
                .authorizeHttpRequests(
                        (requests) -> requests.requestMatchers("/api/**").authenticated().anyRequest().permitAll())
                .httpBasic((basicAuth) -> basicAuth.authenticationEntryPoint(counting))
                .exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(counting));
            return http.build();
        }

        @Bean
        UserDetailsService userDetailsService(Counts counts) {
            InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(user());
            return (username) -> {
                counts.lookups.incrementAndGet();
                return users.loadUserByUsername(username);
            };
        }

    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import({ Counts.class, OrdersController.class })
    static class FluxApp {

        @Bean
        SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, Counts counts) {
            HttpBasicServerAuthenticationEntryPoint basic = new HttpBasicServerAuthenticationEntryPoint();
            basic.setRealm("orders");
            ServerAuthenticationEntryPoint counting = (exchange, exception) -> Mono.defer(() -> {
                counts.challenges.incrementAndGet();
                return basic.commence(exchange, exception);
            });
            http.csrf((csrf) -> csrf.disable())
                .authorizeExchange(
                        (exchanges) -> exchanges.pathMatchers("/api/**").authenticated().anyExchange().permitAll())
                .httpBasic((basicAuth) -> basicAuth.authenticationEntryPoint(counting))
                .exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(counting));
            return http.build();
        }

        @Bean
        ReactiveUserDetailsService reactiveUserDetailsService(Counts counts) {
            MapReactiveUserDetailsService users = new MapReactiveUserDetailsService(user());
            return (username) -> Mono.defer(() -> {
                counts.lookups.incrementAndGet();
                return users.findByUsername(username);
            });
        }

    }

}
