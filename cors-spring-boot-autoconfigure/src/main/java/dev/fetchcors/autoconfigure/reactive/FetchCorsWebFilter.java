package dev.fetchcors.autoconfigure.reactive;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.fetchcors.autoconfigure.CorsDecisionObserver;
import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.NamedCorsPolicy;
import dev.fetchcors.autoconfigure.ServerCorsRequest;
import dev.fetchcors.autoconfigure.SoleCorsOwner;
import dev.fetchcors.autoconfigure.SpringWebCompatibility;
import dev.fetchcors.core.CorsDecision;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.RequestPath;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The reactive adapter: asks the {@link CorsPolicyResolver} for the request's policy, lets the policy decide, and
 * writes what it decided. Preflights are answered here and never reach the application; every other request is
 * passed on, with its CORS headers already set so that error responses carry them too.
 *
 * <pre>{@code
 * @Bean
 * FetchCorsWebFilter fetchCorsWebFilter() {
 *     return new FetchCorsWebFilter(CorsPolicyResolver.of(policy));
 * }
 * }</pre>
 *
 * <p>Headers are set, never added, and {@code Vary} is merged into what the response has; both are written again
 * just before the response is committed, in case a handler or the error handling replaced them. The rest of the
 * chain sees the exchange through a decorator that does this as it commits, which costs two small objects per
 * request, where a {@code beforeCommit} action would cost a reactive pipeline at every commit.
 *
 * <p>On Reactor Netty, when the exchange holds the request and response Spring's adapter created (no filter before
 * this one mutated or decorated them), headers are read and written on Netty's own header store, under names whose
 * hash is computed once; everywhere else through Spring's {@link HttpHeaders}. The answers are the same.
 */
public final class FetchCorsWebFilter implements WebFilter, Ordered {

    /** Before Spring Security's {@code WebFilterChainProxy} (-100), so preflights never meet authentication. */
    public static final int DEFAULT_ORDER = -110;

    private static final Log logger = LogFactory.getLog(FetchCorsWebFilter.class);

    /** Whether Reactor Netty's headers can be reached under Spring's adapter ({@link ReactorNettyHeaders}). */
    private static final boolean reactorNetty = ClassUtils.isPresent("reactor.netty.http.server.HttpServerRequest",
            FetchCorsWebFilter.class.getClassLoader())
            && ClassUtils.isPresent(ReactorNettyHeaders.REQUEST_CLASS, FetchCorsWebFilter.class.getClassLoader())
            && ClassUtils.isPresent(ReactorNettyHeaders.RESPONSE_CLASS, FetchCorsWebFilter.class.getClassLoader());

    private final CorsPolicyResolver resolver;

    private final @Nullable CorsDecisionObserver observer;

    private final @Nullable SoleCorsOwner soleOwner;

    private final Function<ServerWebExchange, @Nullable String> routeOf;

    /**
     * A filter over the given resolver.
     *
     * @param resolver picks the policy for each request
     */
    public FetchCorsWebFilter(CorsPolicyResolver resolver) {
        this(resolver, null);
    }

    /**
     * A filter over the given resolver that reports each decision.
     *
     * @param resolver picks the policy for each request
     * @param observer told about each decision, or {@code null}
     */
    public FetchCorsWebFilter(CorsPolicyResolver resolver, @Nullable CorsDecisionObserver observer) {
        this(resolver, observer, null, (exchange) -> null);
    }

    private FetchCorsWebFilter(CorsPolicyResolver resolver, @Nullable CorsDecisionObserver observer,
            @Nullable SoleCorsOwner soleOwner, Function<ServerWebExchange, @Nullable String> routeOf) {
        Assert.notNull(resolver, "'resolver' must not be null");
        Assert.notNull(routeOf, "'routeOf' must not be null");
        this.resolver = resolver;
        this.observer = observer;
        this.soleOwner = soleOwner;
        this.routeOf = routeOf;
    }

    /**
     * A filter that is the only writer of CORS headers, as in an API gateway: every {@code Access-Control-*} header
     * written by anything else (a service behind the gateway, a gateway filter) is removed just before the response
     * is committed, {@code Vary} becomes one merged line, requests that no policy covers get
     * {@link SoleCorsOwner#NONE}, and a WARN names each route whose responses carried CORS headers, once.
     *
     * @param resolver picks the policy for each request
     * @param observer told about each decision, or {@code null}
     * @param routeOf the id of the route an exchange took, or {@code null}, for the WARN
     * @return the filter
     */
    public static FetchCorsWebFilter soleOwner(CorsPolicyResolver resolver, @Nullable CorsDecisionObserver observer,
            Function<ServerWebExchange, @Nullable String> routeOf) {
        return new FetchCorsWebFilter(resolver, observer, new SoleCorsOwner(), routeOf);
    }

    @Override
    public int getOrder() {
        return DEFAULT_ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        ReactiveCorsRequest view = new ReactiveCorsRequest(request,
                reactorNetty ? ReactorNettyHeaders.of(request) : null);
        NamedCorsPolicy policy = this.resolver.resolve(view);
        if (policy == null) {
            if (this.soleOwner == null) {
                return chain.filter(exchange);
            }
            policy = SoleCorsOwner.NONE;
        }
        CorsDecision decision = policy.policy().evaluate(view);
        if (this.observer != null) {
            this.observer.observe(decision);
        }
        ServerHttpResponse response = exchange.getResponse();
        HttpHeaders headers = response.getHeaders();
        // The gateway's sole-owner path rewrites every CORS header at commit anyway, through Spring's API.
        Object nettyHeaders = (reactorNetty && this.soleOwner == null) ? ReactorNettyHeaders.of(response) : null;
        apply(decision, headers, nettyHeaders);
        if (decision.refusal() != null && logger.isDebugEnabled()) {
            // The reason names the offending request value, made safe for a log line; the raw Origin never is.
            logger.debug("Refused CORS " + decision.kind() + " " + view.method() + " " + request.getPath().value()
                    + " (policy '" + policy.name() + "'): " + decision.reason(view));
        }
        if (decision.isAnswered()) {
            response.setStatusCode(HttpStatusCode.valueOf(decision.status()));
            return Mono.empty();
        }
        SoleCorsOwner soleOwner = this.soleOwner;
        if (soleOwner != null) {
            response.beforeCommit(() -> {
                reclaim(decision, exchange, soleOwner);
                return Mono.empty();
            });
            return chain.filter(exchange);
        }
        if (decision.headerCount() == 0 && decision.vary() == null) {
            return chain.filter(exchange);
        }
        // A handler may replace headers (a ResponseEntity's own Vary does): they are written again just before the
        // response is committed, by the rest of the chain through the response it sees, or, when the chain ends or
        // fails without committing, by the server or the error handling on the response underneath.
        CorsResponse corsResponse = new CorsResponse(response, decision, nettyHeaders);
        return chain.filter(new CorsExchange(exchange, corsResponse)).doOnTerminate(corsResponse);
    }

    /** Removes every CORS header others wrote, writes the decision's, and leaves one Vary line. */
    private void reclaim(CorsDecision decision, ServerWebExchange exchange, SoleCorsOwner soleOwner) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        List<String> present = new ArrayList<>(4);
        List<String> foreign = new ArrayList<>(2);
        headers.forEach((name, values) -> {
            if (SoleCorsOwner.isCorsHeader(name)) {
                present.add(name);
                if (!isOwn(decision, name, values)) {
                    foreign.add(name);
                }
            }
        });
        for (String name : present) {
            SpringWebCompatibility.remove(headers, name);
        }
        for (int i = 0; i < decision.headerCount(); i++) {
            headers.set(decision.headerName(i), decision.headerValue(i));
        }
        String vary = SoleCorsOwner.oneVary(SpringWebCompatibility.get(headers, HttpHeaders.VARY), decision.vary());
        if (vary != null) {
            headers.set(HttpHeaders.VARY, vary);
        }
        if (!foreign.isEmpty()) {
            soleOwner.removed(this.routeOf.apply(exchange), foreign);
        }
    }

    private static boolean isOwn(CorsDecision decision, String name, List<String> values) {
        for (int i = 0; i < decision.headerCount(); i++) {
            if (decision.headerName(i).equalsIgnoreCase(name)) {
                return values.size() == 1 && decision.headerValue(i).equals(values.get(0));
            }
        }
        return false;
    }

    private static void apply(CorsDecision decision, HttpHeaders headers, @Nullable Object nettyHeaders) {
        for (int i = 0; i < decision.headerCount(); i++) {
            set(headers, nettyHeaders, decision.headerName(i), decision.headerValue(i));
        }
        String vary = decision.vary();
        if (vary != null) {
            mergeVary(headers, nettyHeaders, vary);
        }
    }

    /**
     * Writes again what the decision wrote, where something else replaced it since (a handler's own headers, put
     * over the response's): reading a header costs less than writing it, and allocates nothing.
     */
    private static void reapply(CorsDecision decision, HttpHeaders headers, @Nullable Object nettyHeaders) {
        for (int i = 0; i < decision.headerCount(); i++) {
            String name = decision.headerName(i);
            String value = decision.headerValue(i);
            String present = (nettyHeaders != null) ? ReactorNettyHeaders.first(nettyHeaders, name)
                    : headers.getFirst(name);
            if (!value.equals(present)) {
                set(headers, nettyHeaders, name, value);
            }
        }
        String vary = decision.vary();
        if (vary != null) {
            mergeVary(headers, nettyHeaders, vary);
        }
    }

    private static void mergeVary(HttpHeaders headers, @Nullable Object nettyHeaders, String tokens) {
        String first = (nettyHeaders != null) ? ReactorNettyHeaders.first(nettyHeaders, HttpHeaders.VARY)
                : headers.getFirst(HttpHeaders.VARY);
        if (first == null) {
            set(headers, nettyHeaders, HttpHeaders.VARY, tokens);
            return;
        }
        if (first.equals(tokens)) {
            return;
        }
        List<String> lines = (nettyHeaders != null) ? ReactorNettyHeaders.lines(nettyHeaders, HttpHeaders.VARY)
                : headers.getValuesAsList(HttpHeaders.VARY);
        String merged = CorsDecision.mergeVary(lines, tokens);
        if (merged != null) {
            set(headers, nettyHeaders, HttpHeaders.VARY, merged);
        }
    }

    /** Writes to Netty's headers when there are, else through Spring's. */
    private static void set(HttpHeaders headers, @Nullable Object nettyHeaders, String name, String value) {
        if (nettyHeaders != null) {
            ReactorNettyHeaders.set(nettyHeaders, name, value);
        }
        else {
            headers.set(name, value);
        }
    }

    /**
     * The response the rest of the chain sees: the decision's headers are written again when it is committed, and
     * once more (as a {@link Runnable}) when the chain ends with the response still open.
     */
    private static final class CorsResponse extends ServerHttpResponseDecorator implements Runnable {

        private final CorsDecision decision;

        private final @Nullable Object nettyHeaders;

        CorsResponse(ServerHttpResponse response, CorsDecision decision, @Nullable Object nettyHeaders) {
            super(response);
            this.decision = decision;
            this.nettyHeaders = nettyHeaders;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            run();
            return super.writeWith(body);
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            run();
            return super.writeAndFlushWith(body);
        }

        @Override
        public Mono<Void> setComplete() {
            run();
            return super.setComplete();
        }

        @Override
        public void run() {
            if (!getDelegate().isCommitted()) {
                reapply(this.decision, getDelegate().getHeaders(), this.nettyHeaders);
            }
        }

    }

    /** The exchange the rest of the chain sees, with the {@link CorsResponse}. */
    private static final class CorsExchange extends ServerWebExchangeDecorator {

        private final CorsResponse response;

        CorsExchange(ServerWebExchange exchange, CorsResponse response) {
            super(exchange);
            this.response = response;
        }

        @Override
        public ServerHttpResponse getResponse() {
            return this.response;
        }

    }

    /**
     * The request as the engine and the resolver see it, reading headers in place: Netty's own on Reactor Netty
     * (one lookup for every line of a header, where Spring's view makes two), Spring's view elsewhere. {@code Origin}
     * is read once for both questions the engine asks of it, its value and whether it came on several lines.
     */
    private static final class ReactiveCorsRequest implements ServerCorsRequest {

        private final ServerHttpRequest request;

        /** Netty's own request headers, read in place of Spring's view of them, or {@code null}. */
        private final @Nullable Object nettyHeaders;

        private @Nullable String origin;

        /** How many {@code Origin} lines came, or -1 before they are read. */
        private int originLines = -1;

        ReactiveCorsRequest(ServerHttpRequest request, @Nullable Object nettyHeaders) {
            this.request = request;
            this.nettyHeaders = nettyHeaders;
        }

        @Override
        public String method() {
            return this.request.getMethod().name();
        }

        @Override
        public @Nullable String header(String name) {
            if (HttpHeaders.ORIGIN.equals(name)) {
                readOrigin();
                return this.origin;
            }
            Object nettyHeaders = this.nettyHeaders;
            return (nettyHeaders != null) ? ReactorNettyHeaders.first(nettyHeaders, name)
                    : this.request.getHeaders().getFirst(name);
        }

        @Override
        public Iterable<String> headers(String name) {
            // Every header line as received: getValuesAsList would split the lines and drop empty elements,
            // which the engine counts and bounds itself.
            List<String> lines = lines(name);
            return (lines != null) ? lines : List.of();
        }

        @Override
        public boolean isRepeated(String name) {
            if (HttpHeaders.ORIGIN.equals(name)) {
                readOrigin();
                return this.originLines > 1;
            }
            List<String> values = lines(name);
            return values != null && values.size() > 1;
        }

        private void readOrigin() {
            if (this.originLines < 0) {
                Object nettyHeaders = this.nettyHeaders;
                if (nettyHeaders != null && ReactorNettyHeaders.first(nettyHeaders, HttpHeaders.ORIGIN) == null) {
                    // No Origin, the commonest request: one lookup and nothing allocated, as Spring's view does.
                    this.originLines = 0;
                    return;
                }
                List<String> lines = lines(HttpHeaders.ORIGIN);
                this.originLines = (lines != null) ? lines.size() : 0;
                this.origin = (this.originLines > 0) ? lines.get(0) : null;
            }
        }

        /** Every line of the header as received, or {@code null} or an empty list when there is none. */
        private @Nullable List<String> lines(String name) {
            Object nettyHeaders = this.nettyHeaders;
            return (nettyHeaders != null) ? ReactorNettyHeaders.lines(nettyHeaders, name)
                    : SpringWebCompatibility.get(this.request.getHeaders(), name);
        }

        @Override
        public RequestPath path() {
            return this.request.getPath();
        }

    }

}
