package dev.fetchcors.benchmarks;


import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.reactive.FetchCorsWebFilter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
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
 * calls the chain. Each call gets a new exchange and response over one {@link MockServerHttpRequest}, built as a
 * server builds them (the collaborators an exchange needs are shared, as in a running application), so the
 * pass-through score is the cost of the fixture and the difference is the cost of CORS. The response is committed
 * at the end, as a server does.
 */
public class WebFilterBenchmark extends BenchmarkSettings {

    @Param
    Scenario scenario;

    private WebFilter fetchCors;

    private WebFilter spring;

    private final WebFilter passThrough = (exchange, chain) -> chain.filter(exchange);

    private MockServerHttpRequest request;

    private final WebSessionManager sessions = new DefaultWebSessionManager();

    private final ServerCodecConfigurer codecs = ServerCodecConfigurer.create();

    private final LocaleContextResolver locales = new AcceptHeaderLocaleContextResolver();

    private final CountingChain chain = new CountingChain();

    private ServerHttpResponse lastResponse;

    @Setup
    public void setUp() {
        this.fetchCors = new FetchCorsWebFilter(CorsPolicyResolver.of(this.scenario.policy().fetchCors()));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", this.scenario.policy().spring());
        this.spring = new CorsWebFilter(source);
        // An absolute URI, as servers give: Spring's processor refuses requests whose URI has no host.
        MockServerHttpRequest.BaseBuilder<?> builder = MockServerHttpRequest
            .method(HttpMethod.valueOf(this.scenario.method()), "http://api.example.com" + Scenario.PATH);
        for (String[] header : this.scenario.headers()) {
            builder.header(header[0], header[1]);
        }
        this.request = builder.build();
        Outcome.check(this.scenario, "FetchCorsWebFilter", run(this.fetchCors));
        Outcome.check(this.scenario, "CorsWebFilter", run(this.spring));
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

    @Benchmark
    public int springCorsWebFilter() {
        return filter(this.spring);
    }

    @Benchmark
    public int passThroughWebFilter() {
        return filter(this.passThrough);
    }

    private int filter(WebFilter filter) {
        MockServerHttpResponse response = new MockServerHttpResponse();
        ServerWebExchange exchange = new DefaultServerWebExchange(this.request, response, this.sessions, this.codecs,
                this.locales);
        // As HttpWebHandlerAdapter does: commit the response once the filters and the handler are done, which runs
        // whatever a filter registered with beforeCommit.
        filter.filter(exchange, this.chain).then(Mono.defer(response::setComplete)).block();
        this.lastResponse = response;
        return (response.getStatusCode() != null) ? response.getStatusCode().value() : 200;
    }

    static final class CountingChain implements WebFilterChain {

        int calls;

        @Override
        public Mono<Void> filter(ServerWebExchange exchange) {
            this.calls++;
            return Mono.empty();
        }

    }

}
