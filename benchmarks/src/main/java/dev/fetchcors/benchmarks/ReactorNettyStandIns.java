package dev.fetchcors.benchmarks;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Flux;
import reactor.netty.ByteBufFlux;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerInfos;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Stand-ins for Reactor Netty's connection-bound request and response, under Spring's own adapter classes
 * ({@link NettyHeaders}): they answer what the adapter and a filter ask of a server's request and response (method,
 * URI parts, headers, status) as plain calls, as Reactor Netty's do, and refuse everything else, since nothing is
 * sent. Generated from the interfaces of Reactor Netty 1.3; a method a later version adds is not called here.
 *
 * <p>What a filter that mutates the request asks besides ({@code ForwardedHeaderTransformer}, through Spring's
 * request builder: the addresses, the body, the TLS session) is answered as a plain-text connection from a proxy
 * answers it; the request is a {@link Connection}, as Reactor Netty's is, over a channel with no TLS handler.
 */
final class ReactorNettyStandIns {

    private ReactorNettyStandIns() {
    }

    /** What the request and the response share and nothing here asks: connection, cookies, protocol. */
    abstract static class Unsent implements HttpServerInfos {

        @Override
        public boolean isKeepAlive() {
            throw new UnsupportedOperationException("isKeepAlive");
        }

        @Override
        public boolean isWebsocket() {
            throw new UnsupportedOperationException("isWebsocket");
        }

        @Override
        public io.netty.handler.codec.http.HttpVersion version() {
            throw new UnsupportedOperationException("version");
        }

        @Override
        public java.lang.String connectionScheme() {
            throw new UnsupportedOperationException("connectionScheme");
        }

        @Override
        public java.lang.String requestId() {
            throw new UnsupportedOperationException("requestId");
        }

        @Override
        public java.net.SocketAddress connectionHostAddress() {
            throw new UnsupportedOperationException("connectionHostAddress");
        }

        @Override
        public java.net.SocketAddress connectionRemoteAddress() {
            throw new UnsupportedOperationException("connectionRemoteAddress");
        }

        @Override
        public java.util.Map<java.lang.CharSequence, java.util.List<io.netty.handler.codec.http.cookie.Cookie>> allCookies() {
            throw new UnsupportedOperationException("allCookies");
        }

        @Override
        public java.util.Map<java.lang.CharSequence, java.util.Set<io.netty.handler.codec.http.cookie.Cookie>> cookies() {
            throw new UnsupportedOperationException("cookies");
        }

    }

    /** A request to {@code http://api.example.com} and the given path, with the given headers. */
    static final class Request extends Unsent implements HttpServerRequest, Connection {

        /** The proxy in front of the server, and the server's own address. */
        private static final InetSocketAddress REMOTE = socketAddress(new byte[] { 10, 0, 0, 2 }, 41234);

        private static final InetSocketAddress LOCAL = socketAddress(new byte[] { 10, 0, 0, 5 }, 8080);

        /** No pipeline handlers: a request on it is plain text, as behind a proxy that ends TLS. */
        private static final Channel channel = new EmbeddedChannel();

        private final HttpMethod method;

        private final String path;

        private final HttpHeaders headers;

        Request(HttpMethod method, String path, HttpHeaders headers) {
            this.method = method;
            this.path = path;
            this.headers = headers;
        }

        @Override
        public java.time.ZonedDateTime timestamp() {
            throw new UnsupportedOperationException("timestamp");
        }

        @Override
        public java.lang.String param(java.lang.CharSequence a0) {
            throw new UnsupportedOperationException("param");
        }

        @Override
        public java.util.Map<java.lang.String, java.lang.String> params() {
            throw new UnsupportedOperationException("params");
        }

        @Override
        public java.lang.String protocol() {
            throw new UnsupportedOperationException("protocol");
        }

        @Override
        public java.net.InetSocketAddress hostAddress() {
            return LOCAL;
        }

        @Override
        public reactor.netty.http.server.HttpServerRequest withConnection(java.util.function.Consumer<? super reactor.netty.Connection> a0) {
            throw new UnsupportedOperationException("withConnection");
        }

        @Override
        public java.net.InetSocketAddress remoteAddress() {
            return REMOTE;
        }

        @Override
        public reactor.netty.http.server.HttpServerRequest paramsResolver(java.util.function.Function<? super java.lang.String, java.util.Map<java.lang.String, java.lang.String>> a0) {
            throw new UnsupportedOperationException("paramsResolver");
        }

        @Override
        public boolean isFormUrlencoded() {
            throw new UnsupportedOperationException("isFormUrlencoded");
        }

        @Override
        public boolean isMultipart() {
            throw new UnsupportedOperationException("isMultipart");
        }

        @Override
        public reactor.core.publisher.Flux<io.netty.handler.codec.http.multipart.HttpData> receiveForm() {
            throw new UnsupportedOperationException("receiveForm");
        }

        @Override
        public reactor.core.publisher.Flux<io.netty.handler.codec.http.multipart.HttpData> receiveForm(java.util.function.Consumer<reactor.netty.http.server.HttpServerFormDecoderProvider.Builder> a0) {
            throw new UnsupportedOperationException("receiveForm");
        }

        @Override
        public io.netty.handler.codec.http.HttpHeaders requestHeaders() {
            return this.headers;
        }

        @Override
        public java.lang.String forwardedPrefix() {
            return null;
        }

        @Override
        public reactor.core.publisher.Flux<?> receiveObject() {
            throw new UnsupportedOperationException("receiveObject");
        }

        @Override
        public reactor.netty.ByteBufFlux receive() {
            return ByteBufFlux.fromInbound(Flux.empty());
        }

        @Override
        public Channel channel() {
            return channel;
        }

        @Override
        public io.netty.handler.codec.http.HttpMethod method() {
            return this.method;
        }

        @Override
        public java.lang.String uri() {
            return this.path;
        }

        @Override
        public java.lang.String fullPath() {
            return this.path;
        }

        @Override
        public java.lang.String scheme() {
            return "http";
        }

        @Override
        public java.lang.String hostName() {
            return "api.example.com";
        }

        @Override
        public int hostPort() {
            return 80;
        }

    }

    private static InetSocketAddress socketAddress(byte[] ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        }
        catch (UnknownHostException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A response with new headers, as Reactor Netty creates them, each time it is {@linkplain #reset() reset}. */
    static final class Response extends Unsent implements HttpServerResponse {

        private HttpHeaders headers = created();

        private HttpResponseStatus status = HttpResponseStatus.OK;

        /** A response's headers as Reactor Netty creates them: {@code Transfer-Encoding: chunked} and nothing else. */
        private static HttpHeaders created() {
            HttpHeaders headers = new DefaultHttpHeaders();
            headers.add(io.netty.handler.codec.http.HttpHeaderNames.TRANSFER_ENCODING,
                    io.netty.handler.codec.http.HttpHeaderValues.CHUNKED);
            return headers;
        }

        Response reset() {
            this.headers = created();
            this.status = HttpResponseStatus.OK;
            return this;
        }

        @Override
        public io.netty.handler.codec.http.HttpResponseStatus status() {
            return this.status;
        }

        @Override
        public reactor.netty.http.server.HttpServerResponse status(io.netty.handler.codec.http.HttpResponseStatus a0) {
            this.status = a0;
            return this;
        }

        @Override
        public reactor.netty.http.server.HttpServerResponse header(java.lang.CharSequence a0, java.lang.CharSequence a1) {
            throw new UnsupportedOperationException("header");
        }

        @Override
        public reactor.netty.http.server.HttpServerResponse keepAlive(boolean a0) {
            throw new UnsupportedOperationException("keepAlive");
        }

        @Override
        public reactor.core.publisher.Mono<java.lang.Void> send() {
            throw new UnsupportedOperationException("send");
        }

        @Override
        public reactor.netty.NettyOutbound sendHeaders() {
            throw new UnsupportedOperationException("sendHeaders");
        }

        @Override
        public reactor.core.publisher.Mono<java.lang.Void> sendNotFound() {
            throw new UnsupportedOperationException("sendNotFound");
        }

        @Override
        public reactor.core.publisher.Mono<java.lang.Void> sendRedirect(java.lang.String a0) {
            throw new UnsupportedOperationException("sendRedirect");
        }

        @Override
        public reactor.netty.http.server.HttpServerResponse sse() {
            throw new UnsupportedOperationException("sse");
        }

        @Override
        public reactor.netty.http.server.HttpServerResponse trailerHeaders(java.util.function.Consumer<? super io.netty.handler.codec.http.HttpHeaders> a0) {
            throw new UnsupportedOperationException("trailerHeaders");
        }

        @Override
        public reactor.core.publisher.Mono<java.lang.Void> sendWebsocket(java.util.function.BiFunction<? super reactor.netty.http.websocket.WebsocketInbound, ? super reactor.netty.http.websocket.WebsocketOutbound, ? extends org.reactivestreams.Publisher<java.lang.Void>> a0, reactor.netty.http.server.WebsocketServerSpec a1) {
            throw new UnsupportedOperationException("sendWebsocket");
        }

        @Override
        public reactor.netty.http.server.HttpServerResponse withConnection(java.util.function.Consumer<? super reactor.netty.Connection> a0) {
            throw new UnsupportedOperationException("withConnection");
        }

        @Override
        public reactor.netty.http.server.HttpServerResponse addCookie(io.netty.handler.codec.http.cookie.Cookie a0) {
            throw new UnsupportedOperationException("addCookie");
        }

        @Override
        public reactor.netty.http.server.HttpServerResponse addHeader(java.lang.CharSequence a0, java.lang.CharSequence a1) {
            throw new UnsupportedOperationException("addHeader");
        }

        @Override
        public reactor.netty.http.server.HttpServerResponse chunkedTransfer(boolean a0) {
            throw new UnsupportedOperationException("chunkedTransfer");
        }

        @Override
        public reactor.netty.http.server.HttpServerResponse compression(boolean a0) {
            throw new UnsupportedOperationException("compression");
        }

        @Override
        public boolean hasSentHeaders() {
            throw new UnsupportedOperationException("hasSentHeaders");
        }

        @Override
        public reactor.netty.http.server.HttpServerResponse headers(io.netty.handler.codec.http.HttpHeaders a0) {
            throw new UnsupportedOperationException("headers");
        }

        @Override
        public io.netty.handler.codec.http.HttpHeaders responseHeaders() {
            return this.headers;
        }

        @Override
        public <S> reactor.netty.NettyOutbound sendUsing(java.util.concurrent.Callable<? extends S> a0, java.util.function.BiFunction<? super reactor.netty.Connection, ? super S, ?> a1, java.util.function.Consumer<? super S> a2) {
            throw new UnsupportedOperationException("sendUsing");
        }

        @Override
        public reactor.netty.NettyOutbound sendObject(org.reactivestreams.Publisher<?> a0, java.util.function.Predicate<java.lang.Object> a1) {
            throw new UnsupportedOperationException("sendObject");
        }

        @Override
        public reactor.netty.NettyOutbound sendObject(java.lang.Object a0) {
            throw new UnsupportedOperationException("sendObject");
        }

        @Override
        public io.netty.buffer.ByteBufAllocator alloc() {
            throw new UnsupportedOperationException("alloc");
        }

        @Override
        public reactor.netty.NettyOutbound send(org.reactivestreams.Publisher<? extends io.netty.buffer.ByteBuf> a0, java.util.function.Predicate<io.netty.buffer.ByteBuf> a1) {
            throw new UnsupportedOperationException("send");
        }

        @Override
        public io.netty.handler.codec.http.HttpMethod method() {
            throw new UnsupportedOperationException("method");
        }

        @Override
        public java.lang.String uri() {
            throw new UnsupportedOperationException("uri");
        }

        @Override
        public java.lang.String fullPath() {
            throw new UnsupportedOperationException("fullPath");
        }

        @Override
        public java.net.SocketAddress hostAddress() {
            throw new UnsupportedOperationException("hostAddress");
        }

        @Override
        public java.lang.String scheme() {
            throw new UnsupportedOperationException("scheme");
        }

        @Override
        public java.lang.String hostName() {
            throw new UnsupportedOperationException("hostName");
        }

        @Override
        public java.net.SocketAddress remoteAddress() {
            throw new UnsupportedOperationException("remoteAddress");
        }

        @Override
        public int hostPort() {
            throw new UnsupportedOperationException("hostPort");
        }

    }

}
