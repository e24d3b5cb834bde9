package dev.fetchcors.benchmarks;

import java.io.IOException;

import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.servlet.FetchCorsFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * The servlet filter beside Spring's {@link CorsFilter} with the same policy, and beside a filter that only calls
 * the chain. All three run over the same request and response, reset the same way before each call, so the
 * pass-through score is the cost of the fixture and the difference is the cost of CORS.
 */
public class ServletFilterBenchmark extends BenchmarkSettings {

    @Param
    Scenario scenario;

    private Filter fetchCors;

    private Filter spring;

    private final Filter passThrough = (request, response, chain) -> chain.doFilter(request, response);

    private MockHttpServletRequest request;

    private MockHttpServletResponse response;

    private final CountingChain chain = new CountingChain();

    @Setup
    public void setUp() throws IOException, ServletException {
        this.fetchCors = new FetchCorsFilter(CorsPolicyResolver.of(this.scenario.policy().fetchCors()));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", this.scenario.policy().spring());
        this.spring = new CorsFilter(source);
        this.request = new MockHttpServletRequest(this.scenario.method(), Scenario.PATH);
        for (String[] header : this.scenario.headers()) {
            this.request.addHeader(header[0], header[1]);
        }
        this.response = new MockHttpServletResponse();
        Outcome.check(this.scenario, "FetchCorsFilter", run(this.fetchCors));
        Outcome.check(this.scenario, "CorsFilter", run(this.spring));
    }

    private Outcome run(Filter filter) throws IOException, ServletException {
        this.chain.calls = 0;
        filter(filter);
        return new Outcome(this.response.getStatus(), this.response.getHeader("Access-Control-Allow-Origin"), this.chain.calls > 0);
    }

    @Benchmark
    public int fetchCorsFilter() throws IOException, ServletException {
        return filter(this.fetchCors);
    }

    @Benchmark
    public int springCorsFilter() throws IOException, ServletException {
        return filter(this.spring);
    }

    @Benchmark
    public int passThroughFilter() throws IOException, ServletException {
        return filter(this.passThrough);
    }

    private int filter(Filter filter) throws IOException, ServletException {
        // Each call starts from a request and response as a server hands them over.
        this.request.clearAttributes();
        this.response.setCommitted(false);
        this.response.reset();
        filter.doFilter(this.request, this.response, this.chain);
        return this.response.getStatus() + this.response.getHeaderNames().size();
    }

    static final class CountingChain implements FilterChain {

        int calls;

        @Override
        public void doFilter(ServletRequest request, ServletResponse response) {
            this.calls++;
        }

    }

}
