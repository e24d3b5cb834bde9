package dev.fetchcors.benchmarks;


import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.reactive.FetchCorsWebFilter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;

import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.adapter.DefaultServerWebExchange;
import org.springframework.web.server.i18n.AcceptHeaderLocaleContextResolver;
import org.springframework.web.server.i18n.LocaleContextResolver;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionManager;

/**
 * The {@code WebFilter} beside Spring's {@link CorsWebFilter} with the same policy, and beside a filter that only
 * calls the chain. Each call gets a new exchange and response over one request, Spring's own Reactor Netty request
 * and response over Netty's headers ({@link NettyHeaders}), built as a server builds them (the collaborators an exchange needs are shared, as in a running application), so the
 * pass-through score is the cost of the fixture and the difference is the cost of CORS. The end of the chain
 * commits the response it sees, as a handler does; a filter that only writes {@code Vary: Origin} shows what that
 * one header costs.
 *
 * <p>Ten warm-up iterations, not three: the reactive chain is deep, and C2 settles it only after six to ten seconds
 * (with three, the first measured iterations ran up to 40% slower than the last, and the ± columns reached 100%).
 * Three forks of two measured iterations, not one of five: how C2 compiles that chain differs from one JVM to the
 * next, and one fork in three or four settles up to 500 ns slower for all its iterations, so one fork per contender
 * compared one contender's lucky compilation with another's unlucky one. The best iteration over three forks is
 * the same compilation each contender reaches most of the time.
 */
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 2, time = 1)
@Fork(3)
public class WebFilterBenchmark extends BenchmarkSettings {

    @Param
    Scenario scenario;

    private WebFilter fetchCors;

    private WebFilter fetchCorsWithoutWebSocket;

    private WebFilter spring;

    private final WebFilter passThrough = (exchange, chain) -> chain.filter(exchange);

    /** Only writes {@code Vary: Origin}, as every CORS filter must on a response that depends on Origin. */
    private final WebFilter varyOnly = (exchange, chain) -> {
        exchange.getResponse().getHeaders().set("Vary", "Origin");
        return chain.filter(exchange);
    };

    private ServerHttpRequest request;

    private final WebSessionManager sessions = new DefaultWebSessionManager();

    private final ServerCodecConfigurer codecs = ServerCodecConfigurer.create();

    private final LocaleContextResolver locales = new AcceptHeaderLocaleContextResolver();

    private final CountingChain chain = new CountingChain();

    private ServerHttpResponse lastResponse;

    @Setup
    public void setUp() {
        this.fetchCors = new FetchCorsWebFilter(CorsPolicyResolver.of(this.scenario.policy().fetchCors()));
        this.fetchCorsWithoutWebSocket = new FetchCorsWebFilter(
                CorsPolicyResolver.of(this.scenario.policy().fetchCors(false)));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", this.scenario.policy().spring());
        this.spring = new CorsWebFilter(source);
        // Host and scheme as the server reports them: Spring's processor refuses requests whose URI has no host.
        this.request = NettyHeaders.request(this.scenario.method(), Scenario.PATH, this.scenario.headers());
        Outcome.check(this.scenario, "FetchCorsWebFilter", run(this.fetchCors));
        Outcome.check(this.scenario, "CorsWebFilter", run(this.spring));
        Outcome.check(this.scenario, "FetchCorsWebFilter without WebSocket support",
                run(this.fetchCorsWithoutWebSocket));
    }

    private Outcome run(WebFilter filter) {
        this.chain.calls = 0;
        int status = filter(filter);
        return new Outcome(status, this.lastResponse.getHeaders().getFirst("Access-Control-Allow-Origin"),
                this.chain.calls > 0);
    }

    @Benchmark
    public int fetchCorsWebFilter() {
        return filter(this.fetchCors);
    }

    /** The same filter with the WebSocket support off: what that support costs requests that are not handshakes. */
    @Benchmark
    public int fetchCorsWebFilterWithoutWebSocket() {
        return filter(this.fetchCorsWithoutWebSocket);
    }

    @Benchmark
    public int springCorsWebFilter() {
        return filter(this.spring);
    }

    @Benchmark
    public int passThroughWebFilter() {
        return filter(this.passThrough);
    }

    @Benchmark
    public int varyOnlyWebFilter() {
        return filter(this.varyOnly);
    }

    private int filter(WebFilter filter) {
        ServerHttpResponse response = NettyHeaders.response();
        ServerWebExchange exchange = new DefaultServerWebExchange(this.request, response, this.sessions, this.codecs,
                this.locales);
        // The chain commits the response it is given, as a handler that writes a body does; then, as
        // HttpWebHandlerAdapter does, the server completes the response it created (a no-op once committed).
        // Committing runs whatever a filter registered with beforeCommit.
        filter.filter(exchange, this.chain).then(Mono.defer(response::setComplete)).block();
        this.lastResponse = response;
        return (response.getStatusCode() != null) ? response.getStatusCode().value() : 200;
    }

    static final class CountingChain implements WebFilterChain {

        int calls;

        @Override
        public Mono<Void> filter(ServerWebExchange exchange) {
            this.calls++;
            return exchange.getResponse().setComplete();
        }

    }

}
