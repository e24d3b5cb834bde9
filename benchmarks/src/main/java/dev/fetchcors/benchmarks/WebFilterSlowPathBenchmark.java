package dev.fetchcors.benchmarks;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

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
import org.springframework.web.server.adapter.DefaultServerWebExchange;
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;
import org.springframework.web.server.i18n.AcceptHeaderLocaleContextResolver;
import org.springframework.web.server.i18n.LocaleContextResolver;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionManager;

/**
 * The {@code WebFilter}'s slow path: the same requests as {@link WebFilterBenchmark}, on the same Reactor Netty
 * request and response ({@link NettyHeaders}), but arriving through a proxy ({@code X-Forwarded-For},
 * {@code -Proto}, {@code -Host}) at an application with {@code server.forward-headers-strategy=framework}. There
 * Spring's {@link ForwardedHeaderTransformer} replaces the request before the exchange is built, as
 * {@code HttpWebHandlerAdapter} does for every request; the exchange then holds Spring's mutated request over a
 * copy of the headers, not the request its Reactor Netty adapter created, so the starter's filter reads the request
 * through Spring's {@code HttpHeaders} (the response is still the adapter's own, and written natively). Fetch CORS
 * beside Spring's {@link CorsWebFilter} in the same chain, and a pass-through filter over the same mutated exchange.
 *
 * <p>The transformer runs in every call, for every contender, because a server runs it for every request and a
 * mutated request caches what it parsed (its path, its headers' views): reused across calls it would hand every
 * call but the first a request already read. Its cost is the fixture's, so the pass-through is larger here than in
 * {@link WebFilterBenchmark} (the copy of the headers and the rebuilt URI), and the difference to it is the cost of
 * CORS on the slow path. Forks, warm-up and measurement as in {@link WebFilterBenchmark}, for the same reasons.
 */
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 2, time = 1)
@Fork(3)
public class WebFilterSlowPathBenchmark extends BenchmarkSettings {

    @Param({ "NO_ORIGIN", "ACTUAL", "PREFLIGHT", "PREFLIGHT_REFUSED_ORIGIN" })
    Scenario scenario;

    private WebFilter fetchCors;

    private WebFilter spring;

    private final WebFilter passThrough = (exchange, chain) -> chain.filter(exchange);

    private final ForwardedHeaderTransformer forwarded = new ForwardedHeaderTransformer();

    /** The request as Spring's Reactor Netty adapter creates it, with the proxy's headers. */
    private ServerHttpRequest request;

    private final WebSessionManager sessions = new DefaultWebSessionManager();

    private final ServerCodecConfigurer codecs = ServerCodecConfigurer.create();

    private final LocaleContextResolver locales = new AcceptHeaderLocaleContextResolver();

    private final WebFilterBenchmark.CountingChain chain = new WebFilterBenchmark.CountingChain();

    private ServerHttpResponse lastResponse;

    @Setup
    public void setUp() {
        this.fetchCors = new FetchCorsWebFilter(CorsPolicyResolver.of(this.scenario.policy().fetchCors()));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", this.scenario.policy().spring());
        this.spring = new CorsWebFilter(source);
        List<String[]> headers = new ArrayList<>(this.scenario.headers());
        headers.add(new String[] { "X-Forwarded-For", "203.0.113.7" });
        headers.add(new String[] { "X-Forwarded-Proto", "https" });
        headers.add(new String[] { "X-Forwarded-Host", "api.example.com" });
        this.request = NettyHeaders.request(this.scenario.method(), Scenario.PATH, headers);
        checkSlowPath();
        Outcome.check(this.scenario, "FetchCorsWebFilter", run(this.fetchCors));
        Outcome.check(this.scenario, "CorsWebFilter", run(this.spring));
    }

    /**
     * Fails unless this is really the slow path: the starter's own test for the fast path
     * ({@code ReactorNettyHeaders.of}, the check {@code FetchCorsWebFilter} makes for every request) finds Netty's
     * headers under the adapter's request and none under the transformed one. Without this, a transformer that
     * returned the request unchanged (no forwarded header it recognises) would measure the fast path under this
     * benchmark's name. Called reflectively, as that class is the adapter's own; if it moves or is renamed, this
     * fails rather than measure a path it cannot name.
     */
    private void checkSlowPath() {
        String helper = FetchCorsWebFilter.class.getPackageName() + ".ReactorNettyHeaders";
        Object adapters;
        Object transformed;
        try {
            Method of = Class.forName(helper).getDeclaredMethod("of", ServerHttpRequest.class);
            of.setAccessible(true);
            ServerHttpRequest mutated = this.forwarded.apply(this.request);
            if (mutated == this.request) {
                throw new IllegalStateException("ForwardedHeaderTransformer left the request as it was");
            }
            adapters = of.invoke(null, this.request);
            transformed = of.invoke(null, mutated);
        }
        catch (ReflectiveOperationException ex) {
            throw new IllegalStateException("Cannot ask " + helper + " whether a request is on the fast path: "
                    + "update WebFilterSlowPathBenchmark.checkSlowPath to the adapter's test", ex);
        }
        if (adapters == null || transformed != null) {
            throw new IllegalStateException("Not the slow path: Netty's headers " + ((adapters == null)
                    ? "are not found under the adapter's own request" : "are found under the mutated request"));
        }
    }

    private Outcome run(WebFilter filter) {
        this.chain.calls = 0;
        int status = filter(filter);
        return new Outcome(status, this.lastResponse.getHeaders().getFirst("Access-Control-Allow-Origin"),
                this.chain.calls > 0);
    }

    @Benchmark
    public int fetchCorsWebFilterForwarded() {
        return filter(this.fetchCors);
    }

    @Benchmark
    public int springCorsWebFilterForwarded() {
        return filter(this.spring);
    }

    @Benchmark
    public int passThroughWebFilterForwarded() {
        return filter(this.passThrough);
    }

    private int filter(WebFilter filter) {
        ServerHttpResponse response = NettyHeaders.response();
        // What HttpWebHandlerAdapter does with server.forward-headers-strategy=framework, before the exchange.
        ServerHttpRequest request = this.forwarded.apply(this.request);
        ServerWebExchange exchange = new DefaultServerWebExchange(request, response, this.sessions, this.codecs,
                this.locales);
        filter.filter(exchange, this.chain).then(Mono.defer(response::setComplete)).block();
        this.lastResponse = response;
        return (response.getStatusCode() != null) ? response.getStatusCode().value() : 200;
    }

}
