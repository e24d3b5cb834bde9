package dev.fetchcors.benchmarks;

import java.net.URI;
import java.util.List;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.AbstractServerHttpResponse;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.http.support.Netty4HeadersAdapter;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A reactive request and response whose headers are Netty's, wrapped as Spring wraps them on Reactor Netty, so
 * header reads and writes cost what they cost in production rather than what a mock's maps cost. The rest is
 * Spring's own {@code AbstractServerHttpRequest} and {@code AbstractServerHttpResponse}, commit included; the body
 * goes nowhere.
 */
final class NettyHeaders {

    private NettyHeaders() {
    }

    static AbstractServerHttpRequest request(String method, String uri, List<String[]> headers) {
        DefaultHttpHeaders nettyHeaders = new DefaultHttpHeaders();
        for (String[] header : headers) {
            nettyHeaders.add(header[0], header[1]);
        }
        return new Request(HttpMethod.valueOf(method), URI.create(uri),
                new HttpHeaders(new Netty4HeadersAdapter(nettyHeaders)));
    }

    static AbstractServerHttpResponse response() {
        return new Response();
    }

    private static final class Request extends AbstractServerHttpRequest {

        Request(HttpMethod method, URI uri, HttpHeaders headers) {
            super(method, uri, null, headers);
        }

        @Override
        protected MultiValueMap<String, HttpCookie> initCookies() {
            return new LinkedMultiValueMap<>();
        }

        @Override
        protected SslInfo initSslInfo() {
            return null;
        }

        @Override
        public <T> T getNativeRequest() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return Flux.empty();
        }

    }

    private static final class Response extends AbstractServerHttpResponse {

        Response() {
            super(DefaultDataBufferFactory.sharedInstance,
                    new HttpHeaders(new Netty4HeadersAdapter(new DefaultHttpHeaders())));
        }

        @Override
        public <T> T getNativeResponse() {
            throw new UnsupportedOperationException();
        }

        @Override
        protected Mono<Void> writeWithInternal(Publisher<? extends DataBuffer> body) {
            return Mono.empty();
        }

        @Override
        protected Mono<Void> writeAndFlushWithInternal(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            return Mono.empty();
        }

        @Override
        protected void applyStatusCode() {
        }

        @Override
        protected void applyHeaders() {
        }

        @Override
        protected void applyCookies() {
        }

    }

}
