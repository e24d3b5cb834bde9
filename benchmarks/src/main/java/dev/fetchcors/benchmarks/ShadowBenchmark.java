package dev.fetchcors.benchmarks;

import java.util.List;

import java.io.IOException;

import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.reactive.FetchCorsWebFilter;
import dev.fetchcors.autoconfigure.servlet.FetchCorsFilter;
import dev.fetchcors.autoconfigure.judge.CorsJudge;
import dev.fetchcors.autoconfigure.judge.CorsJudge.Uncovered;
import dev.fetchcors.autoconfigure.shadow.ShadowReport;
import dev.fetchcors.core.CorsConfig;
import dev.fetchcors.core.CorsPolicy;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import reactor.core.publisher.Mono;

import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.adapter.DefaultServerWebExchange;
import org.springframework.web.server.i18n.AcceptHeaderLocaleContextResolver;
import org.springframework.web.server.session.DefaultWebSessionManager;

/**
 * What shadow mode costs an application whose own CORS (Spring's {@code CorsFilter} / {@code CorsWebFilter}, with the
 * same rules as the policy) answers: Spring's filter alone, and the starter's filter in shadow mode in front of it,
 * which decides, passes the request on untouched, and compares the answer Spring wrote with its own. The two answers
 * agree in every scenario measured (checked before measuring), so the difference is the cost of a comparison that
 * finds nothing, which allocates nothing of its own. The enforced filter, with and without a candidate identical to
 * its policy, shows what a candidate costs. Over Tomcat's request and response, and Spring's Reactor Netty exchange,
 * as in {@link ServletFilterBenchmark} and {@link WebFilterBenchmark}.
 */
public class ShadowBenchmark extends BenchmarkSettings {

    @Param({ "NO_ORIGIN", "ACTUAL", "PREFLIGHT", "PREFLIGHT_REFUSED_ORIGIN" })
    Scenario scenario;

    private TomcatExchange exchange;

    private Filter springFilter;

    private Filter shadowFilter;

    private Filter enforcedFilter;

    private Filter candidateFilter;

    private final ServletFilterBenchmark.CountingChain chain = new ServletFilterBenchmark.CountingChain();

    /** The rest of the servlet chain behind the shadow filter: Spring's filter, then the application. */
    private final FilterChain toSpring = (request, response) -> this.springFilter.doFilter(request, response,
            this.chain);

    private WebFilter springWebFilter;

    private WebFilter shadowWebFilter;

    private ServerHttpRequest request;

    private final DefaultWebSessionManager sessions = new DefaultWebSessionManager();

    private final ServerCodecConfigurer codecs = ServerCodecConfigurer.create();

    private final AcceptHeaderLocaleContextResolver locales = new AcceptHeaderLocaleContextResolver();

    private final WebFilterChain application = (exchange) -> exchange.getResponse().setComplete();

    private final WebFilterChain toSpringWebFilter = (exchange) -> this.springWebFilter.filter(exchange,
            this.application);

    private ShadowReport servletReport;

    private ShadowReport reactiveReport;

    @Setup
    public void setUp() throws IOException, ServletException {
        CorsPolicy enforced = this.scenario.policy().fetchCors();
        CorsConfig config = enforced.config();
        CorsPolicy shadow = CorsPolicy.compile(config.toBuilder().mode(CorsConfig.Mode.SHADOW).build());
        CorsPolicy withCandidate = CorsPolicy.compile(config.toBuilder().candidate(config).build());

        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", this.scenario.policy().spring());
        this.springFilter = new CorsFilter(source);
        this.servletReport = new ShadowReport(1000);
        this.shadowFilter = new FetchCorsFilter(new CorsJudge(CorsPolicyResolver.of(shadow), null,
                Uncovered.SAME_ORIGIN_SOCKETS, this.servletReport), List.of());
        this.enforcedFilter = new FetchCorsFilter(CorsPolicyResolver.of(enforced));
        this.candidateFilter = new FetchCorsFilter(new CorsJudge(CorsPolicyResolver.of(withCandidate), null,
                Uncovered.SAME_ORIGIN_SOCKETS, this.servletReport), List.of());
        this.exchange = new TomcatExchange(this.scenario.method(), Scenario.PATH, this.scenario.headers());

        org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource reactiveSource =
                new org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource();
        reactiveSource.registerCorsConfiguration("/**", this.scenario.policy().spring());
        this.springWebFilter = new CorsWebFilter(reactiveSource);
        this.reactiveReport = new ShadowReport(1000);
        this.shadowWebFilter = new FetchCorsWebFilter(new CorsJudge(CorsPolicyResolver.of(shadow), null,
                Uncovered.SAME_ORIGIN_SOCKETS, this.reactiveReport), List.of());
        this.request = NettyHeaders.request(this.scenario.method(), Scenario.PATH, this.scenario.headers());

        springCorsFilter();
        shadowBesideSpringCorsFilter();
        fetchCorsFilterWithCandidate();
        springCorsWebFilter();
        shadowBesideSpringCorsWebFilter();
        for (ShadowReport report : new ShadowReport[] { this.servletReport, this.reactiveReport }) {
            ShadowReport.Snapshot snapshot = report.snapshot();
            if (snapshot.differenceCount() != 0) {
                throw new IllegalStateException("The answers are meant to agree in " + this.scenario + ": "
                        + snapshot.differences());
            }
            report.reset();
        }
    }

    /** Spring's filter alone: what the application pays today. */
    @Benchmark
    public int springCorsFilter() throws IOException, ServletException {
        this.exchange.recycle();
        this.springFilter.doFilter(this.exchange.request, this.exchange.response, this.chain);
        return this.exchange.response.getStatus();
    }

    /** The starter in shadow mode in front of Spring's filter. */
    @Benchmark
    public int shadowBesideSpringCorsFilter() throws IOException, ServletException {
        this.exchange.recycle();
        this.shadowFilter.doFilter(this.exchange.request, this.exchange.response, this.toSpring);
        return this.exchange.response.getStatus();
    }

    /** The starter enforcing its policy, for reference. */
    @Benchmark
    public int fetchCorsFilter() throws IOException, ServletException {
        this.exchange.recycle();
        this.enforcedFilter.doFilter(this.exchange.request, this.exchange.response, this.chain);
        return this.exchange.response.getStatus();
    }

    /** The starter enforcing its policy, with a candidate evaluated and compared beside it. */
    @Benchmark
    public int fetchCorsFilterWithCandidate() throws IOException, ServletException {
        this.exchange.recycle();
        this.candidateFilter.doFilter(this.exchange.request, this.exchange.response, this.chain);
        return this.exchange.response.getStatus();
    }

    /** Spring's {@code CorsWebFilter} alone. */
    @Benchmark
    public int springCorsWebFilter() {
        return filter(this.springWebFilter, this.application);
    }

    /** The starter's {@code WebFilter} in shadow mode in front of Spring's. */
    @Benchmark
    public int shadowBesideSpringCorsWebFilter() {
        return filter(this.shadowWebFilter, this.toSpringWebFilter);
    }

    private int filter(WebFilter filter, WebFilterChain rest) {
        ServerHttpResponse response = NettyHeaders.response();
        ServerWebExchange exchange = new DefaultServerWebExchange(this.request, response, this.sessions, this.codecs,
                this.locales);
        filter.filter(exchange, rest).then(Mono.defer(response::setComplete)).block();
        return (response.getStatusCode() != null) ? response.getStatusCode().value() : 200;
    }

}
