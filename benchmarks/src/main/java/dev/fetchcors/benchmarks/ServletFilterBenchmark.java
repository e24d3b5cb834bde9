package dev.fetchcors.benchmarks;

import java.io.IOException;

import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.servlet.FetchCorsFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * The servlet filter beside Spring's {@link CorsFilter} with the same policy, and beside a filter that only calls
 * the chain. All run over the same Tomcat request and response ({@link TomcatExchange}), recycled before each call
 * as Tomcat recycles them, so the pass-through score is the cost of the fixture and the difference is the cost of
 * CORS. A filter that only writes
 * {@code Vary: Origin} shows what that one header costs.
 */
public class ServletFilterBenchmark extends BenchmarkSettings {

    @Param
    Scenario scenario;

    private Filter fetchCors;

    private Filter fetchCorsWithoutWebSocket;

    private Filter spring;

    private final Filter passThrough = (request, response, chain) -> chain.doFilter(request, response);

    /** Only writes {@code Vary: Origin}, as every CORS filter must on a response that depends on Origin. */
    private final Filter varyOnly = (request, response, chain) -> {
        ((HttpServletResponse) response).setHeader("Vary", "Origin");
        chain.doFilter(request, response);
    };

    private TomcatExchange exchange;

    private final CountingChain chain = new CountingChain();

    @Setup
    public void setUp() throws IOException, ServletException {
        this.fetchCors = new FetchCorsFilter(CorsPolicyResolver.of(this.scenario.policy().fetchCors()));
        this.fetchCorsWithoutWebSocket = new FetchCorsFilter(
                CorsPolicyResolver.of(this.scenario.policy().fetchCors(false)));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", this.scenario.policy().spring());
        this.spring = new CorsFilter(source);
        this.exchange = new TomcatExchange(this.scenario.method(), Scenario.PATH, this.scenario.headers());
        Outcome.check(this.scenario, "FetchCorsFilter", run(this.fetchCors));
        Outcome.check(this.scenario, "CorsFilter", run(this.spring));
        Outcome.check(this.scenario, "FetchCorsFilter without WebSocket support",
                run(this.fetchCorsWithoutWebSocket));
    }

    private Outcome run(Filter filter) throws IOException, ServletException {
        this.chain.calls = 0;
        filter(filter);
        return new Outcome(this.exchange.response.getStatus(),
                this.exchange.response.getHeader("Access-Control-Allow-Origin"), this.chain.calls > 0);
    }

    @Benchmark
    public int fetchCorsFilter() throws IOException, ServletException {
        return filter(this.fetchCors);
    }

    /** The same filter with the WebSocket support off: what that support costs requests that are not handshakes. */
    @Benchmark
    public int fetchCorsFilterWithoutWebSocket() throws IOException, ServletException {
        return filter(this.fetchCorsWithoutWebSocket);
    }

    @Benchmark
    public int springCorsFilter() throws IOException, ServletException {
        return filter(this.spring);
    }

    @Benchmark
    public int passThroughFilter() throws IOException, ServletException {
        return filter(this.passThrough);
    }

    @Benchmark
    public int varyOnlyFilter() throws IOException, ServletException {
        return filter(this.varyOnly);
    }

    private int filter(Filter filter) throws IOException, ServletException {
        // Each call starts from a request and response as Tomcat hands them over.
        this.exchange.recycle();
        filter.doFilter(this.exchange.request, this.exchange.response, this.chain);
        return this.exchange.response.getStatus();
    }

    static final class CountingChain implements FilterChain {

        int calls;

        @Override
        public void doFilter(ServletRequest request, ServletResponse response) {
            this.calls++;
        }

    }

}
