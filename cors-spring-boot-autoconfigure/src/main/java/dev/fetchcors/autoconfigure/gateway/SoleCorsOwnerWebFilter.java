package dev.fetchcors.autoconfigure.gateway;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.fetchcors.autoconfigure.gateway.SoleCorsOwner.Snapshot;
import dev.fetchcors.autoconfigure.judge.JudgedRequest;
import dev.fetchcors.autoconfigure.reactive.CorsReactiveGuard;
import dev.fetchcors.autoconfigure.reactive.FetchCorsWebFilter;
import dev.fetchcors.autoconfigure.web.SpringWebCompatibility;
import dev.fetchcors.core.CorsHeaders;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import org.springframework.web.server.WebFilterChain;

/**
 * The reactive side of {@link SoleCorsOwner}, a guard the {@link FetchCorsWebFilter} runs once it has written the
 * policy's headers: when the response is written (the gateway copying a service's response, or anything else), every
 * {@code Access-Control-*} header that is not the policy's is removed, the policy's are written again, and
 * {@code Vary} becomes one merged line.
 */
final class SoleCorsOwnerWebFilter implements CorsReactiveGuard {

    private final SoleCorsOwner<ServerWebExchange> owner;

    SoleCorsOwnerWebFilter(SoleCorsOwner<ServerWebExchange> owner) {
        this.owner = owner;
    }

    @Override
    public Mono<Void> filter(JudgedRequest judged, ServerWebExchange exchange, WebFilterChain chain) {
        if (judged.isShadow()) {
            // Shadow mode: the gateway's own CORS (globalcors, the services') answers, untouched.
            return chain.filter(exchange);
        }
        String ambiguity = this.owner.ambiguity(judged);
        if (ambiguity != null) {
            // Never forwarded: the answer is the gateway's own, without the CORS headers of a policy it is not under.
            ServerHttpResponse response = exchange.getResponse();
            response.setStatusCode(HttpStatus.BAD_REQUEST);
            // At commit, after the adapter has written its decision's headers again.
            response.beforeCommit(() -> Mono.fromRunnable(() -> {
                for (String name : CorsHeaders.RESPONSE_HEADERS) {
                    SpringWebCompatibility.remove(response.getHeaders(), name);
                }
                response.getHeaders().set(CorsHeaders.VARY, CorsHeaders.ORIGIN);
            }));
            response.getHeaders().setContentType(MediaType.TEXT_PLAIN);
            byte[] body = ambiguity.getBytes(StandardCharsets.UTF_8);
            return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
        }
        HttpHeaders headers = exchange.getResponse().getHeaders();
        OwnedResponse owned = new OwnedResponse(exchange, Snapshot.of(headers::getFirst));
        // Before the response is written, so that what a service sent is seen as it sent it; and at commit, for a
        // response committed otherwise (an error written underneath).
        owned.beforeCommit(() -> Mono.fromRunnable(owned::reclaim));
        return chain.filter(new ServerWebExchangeDecorator(exchange) {

            @Override
            public ServerHttpResponse getResponse() {
                return owned;
            }

        });
    }

    /** The response the rest of the chain sees, reclaimed before it is written. */
    private final class OwnedResponse extends ServerHttpResponseDecorator {

        private final ServerWebExchange exchange;

        private final Snapshot snapshot;

        OwnedResponse(ServerWebExchange exchange, Snapshot snapshot) {
            super(exchange.getResponse());
            this.exchange = exchange;
            this.snapshot = snapshot;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            reclaimUnlessCommitted();
            return super.writeWith(body);
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            reclaimUnlessCommitted();
            return super.writeAndFlushWith(body);
        }

        @Override
        public Mono<Void> setComplete() {
            reclaimUnlessCommitted();
            return super.setComplete();
        }

        private void reclaimUnlessCommitted() {
            if (!getDelegate().isCommitted()) {
                reclaim();
            }
        }

        /** Removes every CORS header others wrote, writes the policy's, and leaves one Vary line. */
        void reclaim() {
            HttpHeaders headers = getDelegate().getHeaders();
            List<String> present = new ArrayList<>(4);
            List<String> foreign = new ArrayList<>(2);
            headers.forEach((name, values) -> {
                if (CorsHeaders.isResponseHeader(name)) {
                    present.add(name);
                    if (!this.snapshot.isOwn(name, values)) {
                        foreign.add(name);
                    }
                }
            });
            for (String name : present) {
                SpringWebCompatibility.remove(headers, name);
            }
            for (Map.Entry<String, String> own : this.snapshot.headers().entrySet()) {
                headers.set(own.getKey(), own.getValue());
            }
            String vary = this.snapshot.oneVary(SpringWebCompatibility.get(headers, CorsHeaders.VARY));
            if (vary != null) {
                headers.set(CorsHeaders.VARY, vary);
            }
            SoleCorsOwnerWebFilter.this.owner.removed(this.exchange, foreign);
        }

    }

}
