package dev.fetchcors.autoconfigure.reactive;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.CorsProperties;
import dev.fetchcors.autoconfigure.judge.CorsJudge.Uncovered;
import dev.fetchcors.autoconfigure.judge.CorsJudge;
import dev.fetchcors.autoconfigure.judge.JudgedRequest;
import dev.fetchcors.autoconfigure.web.SpringWebCompatibility;
import dev.fetchcors.core.CorsAnswer;
import dev.fetchcors.core.CorsDecision;
import dev.fetchcors.core.CorsHeaders;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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
 * The reactive adapter: reads the request for the {@link CorsJudge} that decides (the one both adapters share), and
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
 * hash is computed once; everywhere else through Spring's {@link HttpHeaders}. The answers are the same. There, a
 * response with no header yet but Reactor Netty's {@code Transfer-Encoding} gets the headers of a decision the policy
 * keeps (an exact origin's) copied in as Netty validated them once, instead of one by one.
 *
 * <p>A decision in shadow mode ({@link CorsDecision#isShadow()}) writes nothing and answers nothing: the exchange is
 * passed on untouched, and the response is compared with the decision as it is committed ({@link CorsJudge#compare}).
 */
public final class FetchCorsWebFilter implements WebFilter, Ordered {

    /**
     * Before Spring Security's {@code WebFilterChainProxy}, so that preflights never meet authentication and a 401 or
     * 403 carries the CORS headers ({@link CorsJudge#ORDER}).
     */
    public static final int DEFAULT_ORDER = CorsJudge.ORDER;

    /** The judgement a witness made of an exchange before the filter it watched ({@link #witness}). */
    private static final String JUDGED_ATTRIBUTE = FetchCorsWebFilter.class.getName() + ".judged";

    private static final Log logger = LogFactory.getLog(FetchCorsWebFilter.class);

    /** Whether Reactor Netty's headers can be reached under Spring's adapter ({@link ReactorNettyHeaders}). */
    private static final boolean reactorNetty = ClassUtils.isPresent("reactor.netty.http.server.HttpServerRequest",
            FetchCorsWebFilter.class.getClassLoader())
            && ClassUtils.isPresent(ReactorNettyHeaders.REQUEST_CLASS, FetchCorsWebFilter.class.getClassLoader())
            && ClassUtils.isPresent(ReactorNettyHeaders.RESPONSE_CLASS, FetchCorsWebFilter.class.getClassLoader());

    private final CorsJudge judge;

    private final @Nullable CorsReactiveGuard guard;

    /** A {@code WebFilter} bean over the given resolver; the starter then registers none of its own. */
    public FetchCorsWebFilter(CorsPolicyResolver resolver) {
        this(new CorsJudge(resolver, null, Uncovered.SAME_ORIGIN_SOCKETS), List.of());
    }

    /**
     * The {@code WebFilter} of the reactive auto-configuration, whose judge tells observers of each decision and
     * knows what becomes of requests no policy covers; refusals are logged at DEBUG by this class.
     *
     * @param judge judges each request
     * @param guards what runs on every request once it is judged, in order, such as a gateway's sole CORS owner
     */
    public FetchCorsWebFilter(CorsJudge judge, List<CorsReactiveGuard> guards) {
        Assert.notNull(judge, "'judge' must not be null");
        Assert.notNull(guards, "'guards' must not be null");
        this.judge = judge;
        this.guard = CorsReactiveGuard.combine(guards);
    }

    @Override
    public int getOrder() {
        return DEFAULT_ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ReactiveCorsRequest view = this.judge.isWitnessed() ? exchange.getAttribute(JUDGED_ATTRIBUTE) : null;
        if (view != null) {
            if (view.isShadow()) {
                // The witness compares what the filter it watched, and the rest of the chain, answered.
                return pass(view, exchange, chain);
            }
        }
        else {
            view = judge(exchange);
            if (this.judge.isWitnessed()) {
                // A watched filter that runs after this one finds the exchange judged, and judges nothing again.
                exchange.getAttributes().put(JUDGED_ATTRIBUTE, view);
            }
        }
        CorsDecision decision = view.decision();
        if (decision == null) {
            return pass(view, exchange, chain);
        }
        ServerHttpResponse response = exchange.getResponse();
        Object nettyHeaders = reactorNetty ? ReactorNettyHeaders.of(response) : null;
        if (decision.isShadow()) {
            if (decision.kind() == CorsDecision.Kind.NOT_CORS) {
                return pass(view, exchange, chain);
            }
            // Nothing written, nothing answered: the response is compared with the decision as it is committed.
            ShadowResponse shadow = new ShadowResponse(this.judge, view, response, nettyHeaders);
            return pass(view, new CorsExchange(exchange, shadow), chain).doFinally(shadow);
        }
        apply(decision, response.getHeaders(), nettyHeaders);
        if (decision.refusal() != null) {
            String reason = this.judge.reasonHeader(view);
            if (reason != null) {
                response.getHeaders().set(CorsProperties.REASON_HEADER, reason);
            }
        }
        if (decision.isAnswered()) {
            response.setStatusCode(status(decision.status()));
            return Mono.empty();
        }
        if (decision.headerCount() == 0 && decision.vary() == null) {
            return pass(view, exchange, chain);
        }
        // A handler may replace headers (a ResponseEntity's own Vary does): they are written again just before the
        // response is committed, by the rest of the chain through the response it sees, or, when the chain ends or
        // fails without committing, by the server or the error handling on the response underneath.
        CorsResponse corsResponse = new CorsResponse(response, decision, nettyHeaders);
        return pass(view, new CorsExchange(exchange, corsResponse), chain).doOnTerminate(corsResponse);
    }

    /**
     * The status of an answered request: Spring resolves a code by walking every {@code HttpStatus}, so the two a
     * decision usually carries are at hand.
     */
    private static HttpStatusCode status(int code) {
        return switch (code) {
            case 204 -> HttpStatus.NO_CONTENT;
            case 403 -> HttpStatus.FORBIDDEN;
            default -> HttpStatusCode.valueOf(code);
        };
    }

    private ReactiveCorsRequest judge(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        ReactiveCorsRequest view = new ReactiveCorsRequest(request,
                reactorNetty ? ReactorNettyHeaders.of(request) : null);
        this.judge.judge(view, false, logger);
        return view;
    }

    /**
     * Runs a filter that sorts before this one and may answer an exchange without passing it on (Spring's own
     * {@code CorsWebFilter} with an {@code @Order} of its own) under this filter's judgement, made once, there, while
     * a policy is compared (in shadow mode, or with a candidate): the response is compared whatever that filter does,
     * a preflight it answers or an origin it refuses included; the judgement then travels on to this filter, which
     * does not judge again. A filter that runs after this one is run as it is.
     *
     * @param watched the filter that runs before this one
     * @param exchange the exchange
     * @param chain the rest of the chain, this filter included
     * @return what the watched filter returns
     */
    Mono<Void> witness(WebFilter watched, ServerWebExchange exchange, WebFilterChain chain) {
        if (!this.judge.resolver().policies().isCompared() || exchange.getAttribute(JUDGED_ATTRIBUTE) != null) {
            return watched.filter(exchange, chain);
        }
        this.judge.witnessed();
        ReactiveCorsRequest view = judge(exchange);
        exchange.getAttributes().put(JUDGED_ATTRIBUTE, view);
        CorsDecision decision = view.decision();
        if (decision == null || !decision.isShadow() || decision.kind() == CorsDecision.Kind.NOT_CORS) {
            return watched.filter(exchange, chain);
        }
        ServerHttpResponse response = exchange.getResponse();
        ShadowResponse shadow = new ShadowResponse(this.judge, view, response,
                reactorNetty ? ReactorNettyHeaders.of(response) : null);
        return watched.filter(new CorsExchange(exchange, shadow), chain).doFinally(shadow);
    }

    /** Notes, before the server takes a request, that filters of the application's are watched ({@link #witness}). */
    void watching() {
        this.judge.witnessed();
    }

    /** Passes the exchange on, through the guards when there are. */
    private Mono<Void> pass(ReactiveCorsRequest view, ServerWebExchange exchange, WebFilterChain chain) {
        CorsReactiveGuard guard = this.guard;
        return (guard != null) ? guard.filter(view, exchange, chain) : chain.filter(exchange);
    }

    private static void apply(CorsDecision decision, HttpHeaders headers, @Nullable Object nettyHeaders) {
        if (nettyHeaders != null) {
            // On a response with no header yet (but Transfer-Encoding), what Netty validated once is copied in.
            String vary = decision.vary();
            if ((decision.headerCount() > 0) ? ReactorNettyHeaders.addToEmpty(nettyHeaders, decision)
                    : (vary != null && ReactorNettyHeaders.addVaryToEmpty(nettyHeaders, vary))) {
                return;
            }
        }
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
        String first = (nettyHeaders != null) ? ReactorNettyHeaders.first(nettyHeaders, CorsHeaders.VARY)
                : headers.getFirst(CorsHeaders.VARY);
        if (first == null) {
            if (nettyHeaders != null) {
                ReactorNettyHeaders.setVary(nettyHeaders, tokens);
            }
            else {
                headers.set(CorsHeaders.VARY, tokens);
            }
            return;
        }
        if (first.equals(tokens)) {
            return;
        }
        List<String> lines = (nettyHeaders != null) ? ReactorNettyHeaders.lines(nettyHeaders, CorsHeaders.VARY)
                : headers.getValuesAsList(CorsHeaders.VARY);
        String merged = CorsDecision.mergeVary(lines, tokens);
        if (merged != null) {
            set(headers, nettyHeaders, CorsHeaders.VARY, merged);
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
    private static final class CorsResponse extends CommitHookResponse implements Runnable {

        private final CorsDecision decision;

        private final @Nullable Object nettyHeaders;

        CorsResponse(ServerHttpResponse response, CorsDecision decision, @Nullable Object nettyHeaders) {
            super(response);
            this.decision = decision;
            this.nettyHeaders = nettyHeaders;
        }

        @Override
        void beforeWrite() {
            run();
        }

        @Override
        public void run() {
            if (!getDelegate().isCommitted()) {
                reapply(this.decision, getDelegate().getHeaders(), this.nettyHeaders);
            }
        }

    }

    /**
     * A response that runs a step of the filter's as the rest of the chain commits it (writing a body, or completing
     * it without one), before its headers go out: cheaper than a {@code beforeCommit} action, which Spring runs
     * through a {@code Flux.concat} on every commit.
     */
    private abstract static class CommitHookResponse extends ServerHttpResponseDecorator {

        CommitHookResponse(ServerHttpResponse response) {
            super(response);
        }

        /** Runs before a body is written. */
        abstract void beforeWrite();

        /** Runs before the response is completed without a body; {@link #beforeWrite()} unless overridden. */
        void beforeComplete() {
            beforeWrite();
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            beforeWrite();
            return super.writeWith(body);
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            beforeWrite();
            return super.writeAndFlushWith(body);
        }

        @Override
        public Mono<Void> setComplete() {
            beforeComplete();
            return super.setComplete();
        }

    }

    /**
     * The response the rest of the chain sees in shadow mode: as it is committed (a handler writing it, a WebSocket
     * upgrade completing it), the decision is compared with it, once. When the chain ends without committing
     * through it ({@link #accept(SignalType)}), the response is compared as it is then, when it was committed
     * underneath or the chain completed (a filter that answered a preflight, leaving the server to complete the
     * response); after a failure, as the error handling commits it. It reads the response as a browser's CORS checks
     * read it.
     */
    private static final class ShadowResponse extends CommitHookResponse
            implements CorsAnswer, Consumer<SignalType> {

        private final CorsJudge judge;

        private final ReactiveCorsRequest request;

        private final @Nullable Object nettyHeaders;

        private volatile boolean compared;

        ShadowResponse(CorsJudge judge, ReactiveCorsRequest request, ServerHttpResponse response,
                @Nullable Object nettyHeaders) {
            super(response);
            this.judge = judge;
            this.request = request;
            this.nettyHeaders = nettyHeaders;
        }

        @Override
        void beforeWrite() {
            compareOnce();
        }

        @Override
        void beforeComplete() {
            if (!getDelegate().isCommitted()) {
                compareOnce();
            }
        }

        private void compareOnce() {
            if (!this.compared) {
                this.compared = true;
                this.judge.compare(this.request, this);
            }
        }

        @Override
        public void accept(SignalType signal) {
            if (this.compared) {
                return;
            }
            if (signal == SignalType.ON_COMPLETE || getDelegate().isCommitted()) {
                compareOnce();
                return;
            }
            // Failed or cancelled before anything was written: the error handling writes the response underneath.
            getDelegate().beforeCommit(() -> {
                compareOnce();
                return Mono.empty();
            });
        }

        @Override
        public int status() {
            HttpStatusCode status = getDelegate().getStatusCode();
            return (status != null) ? status.value() : 200;
        }

        @Override
        public @Nullable String header(String name) {
            Object nettyHeaders = this.nettyHeaders;
            return (nettyHeaders != null) ? ReactorNettyHeaders.first(nettyHeaders, name)
                    : getDelegate().getHeaders().getFirst(name);
        }

        @Override
        public Iterable<String> headers(String name) {
            List<String> lines = lines(name);
            return (lines != null) ? lines : List.of();
        }

        @Override
        public boolean isRepeated(String name) {
            Object nettyHeaders = this.nettyHeaders;
            if (nettyHeaders != null) {
                return ReactorNettyHeaders.isRepeated(nettyHeaders, name);
            }
            List<String> lines = lines(name);
            return lines != null && lines.size() > 1;
        }

        private @Nullable List<String> lines(String name) {
            Object nettyHeaders = this.nettyHeaders;
            return (nettyHeaders != null) ? ReactorNettyHeaders.lines(nettyHeaders, name)
                    : SpringWebCompatibility.get(getDelegate().getHeaders(), name);
        }

    }

    /** The exchange the rest of the chain sees, with the filter's response decorator. */
    private static final class CorsExchange extends ServerWebExchangeDecorator {

        private final ServerHttpResponse response;

        CorsExchange(ServerWebExchange exchange, ServerHttpResponse response) {
            super(exchange);
            this.response = response;
        }

        @Override
        public ServerHttpResponse getResponse() {
            return this.response;
        }

    }

    /**
     * The request as the engine and the resolver see it, and the judgement made of it, reading headers in place:
     * Netty's own on Reactor Netty (one lookup for every line of a header, where Spring's view makes two), Spring's
     * view elsewhere. The engine asks two things of {@code Origin} and of {@code Access-Control-Request-Headers},
     * their value and whether they came on several lines: each is read once for both, and on Netty without a list of
     * its lines. Through Spring's view, names are looked up in lower case: a map that ignores case (the headers of a
     * request a filter mutated) then finds them without a lower-cased copy of the name for every read.
     */
    private static final class ReactiveCorsRequest extends JudgedRequest {

        /** A header not read yet; compared by identity, so that no header value can be mistaken for it. */
        private static final String UNREAD = new String("(not read)");

        /** What {@link #only} answers for a header that came on more than one line; compared by identity. */
        private static final String SEVERAL = new String("(several lines)");

        /** The names the engine reads, in lower case, by their spelling in the engine. */
        private static final Map<String, String> LOWER_CASE_NAMES = lowerCaseNames();

        private final ServerHttpRequest request;

        /** Netty's own request headers, read in place of Spring's view of them, or {@code null}. */
        private final @Nullable Object nettyHeaders;

        /**
         * {@code Origin} as {@link #only} read it, or {@link #UNREAD}; kept with no count of its own, so that the view
         * is no larger than one that reads {@code Origin} alone.
         */
        private @Nullable String origin = UNREAD;

        /** {@code Access-Control-Request-Headers} as {@link #only} read it, or {@link #UNREAD}. */
        private @Nullable String requestHeaders = UNREAD;

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
            if (isReadOnce(name)) {
                String only = readOnce(name);
                return (only == SEVERAL) ? firstLine(name) : only;
            }
            return firstLine(name);
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
            if (isReadOnce(name)) {
                return readOnce(name) == SEVERAL;
            }
            List<String> values = lines(name);
            return values != null && values.size() > 1;
        }

        /** Whether the engine asks both questions of the header, its value and whether it came on several lines. */
        private static boolean isReadOnce(String name) {
            return CorsHeaders.ORIGIN.equals(name) || CorsHeaders.ACCESS_CONTROL_REQUEST_HEADERS.equals(name);
        }

        /** {@code Origin} or {@code Access-Control-Request-Headers} as {@link #only} reads it, read on first asking. */
        private @Nullable String readOnce(String name) {
            boolean origin = CorsHeaders.ORIGIN.equals(name);
            String only = origin ? this.origin : this.requestHeaders;
            if (only == UNREAD) {
                only = only(name);
                if (origin) {
                    this.origin = only;
                }
                else {
                    this.requestHeaders = only;
                }
            }
            return only;
        }

        /**
         * The header's only line, {@link #SEVERAL} when it came on more than one, or {@code null} when it is absent:
         * one lookup.
         */
        private @Nullable String only(String name) {
            Object nettyHeaders = this.nettyHeaders;
            if (nettyHeaders != null) {
                return ReactorNettyHeaders.only(nettyHeaders, name, SEVERAL);
            }
            List<String> lines = lines(name);
            if (lines == null || lines.isEmpty()) {
                return null;
            }
            return (lines.size() > 1) ? SEVERAL : lines.get(0);
        }

        private @Nullable String firstLine(String name) {
            Object nettyHeaders = this.nettyHeaders;
            return (nettyHeaders != null) ? ReactorNettyHeaders.first(nettyHeaders, name)
                    : this.request.getHeaders().getFirst(lowerCase(name));
        }

        /** Every line of the header as received, or {@code null} or an empty list when there is none. */
        private @Nullable List<String> lines(String name) {
            Object nettyHeaders = this.nettyHeaders;
            return (nettyHeaders != null) ? ReactorNettyHeaders.lines(nettyHeaders, name)
                    : SpringWebCompatibility.get(this.request.getHeaders(), lowerCase(name));
        }

        /** The name in lower case when it is one the engine reads, else as it is: header names ignore case. */
        private static String lowerCase(String name) {
            String lower = LOWER_CASE_NAMES.get(name);
            return (lower != null) ? lower : name;
        }

        private static Map<String, String> lowerCaseNames() {
            Map<String, String> names = new HashMap<>();
            List<String> all = new ArrayList<>(CorsHeaders.REQUEST_HEADERS);
            all.addAll(List.of(CorsHeaders.UPGRADE, "Sec-Fetch-Site", "Sec-Fetch-Mode"));
            for (String name : all) {
                names.put(name, name.toLowerCase(Locale.ROOT));
            }
            return Map.copyOf(names);
        }

        @Override
        public @Nullable String targetOrigin() {
            // The URI Spring built from the scheme and Host, after whatever forwarded headers the application trusts
            // (ForwardedHeaderTransformer, Reactor Netty's forwarded support).
            URI uri = this.request.getURI();
            String host = uri.getHost();
            if (host == null) {
                return null;
            }
            return uri.getScheme() + "://" + host + ((uri.getPort() >= 0) ? ":" + uri.getPort() : "");
        }

        // The same, piece by piece, for a comparison that builds no string.

        @Override
        public @Nullable String targetScheme() {
            return this.request.getURI().getScheme();
        }

        @Override
        public @Nullable String targetHost() {
            return this.request.getURI().getHost();
        }

        @Override
        public int targetPort() {
            return this.request.getURI().getPort();
        }

        @Override
        public RequestPath path() {
            return this.request.getPath();
        }

    }

}
