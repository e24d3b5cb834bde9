package dev.fetchcors.benchmarks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * A reactive request and response as Spring's Reactor Netty adapter creates them on a running server: Spring's own
 * {@code ReactorServerHttpRequest} and {@code ReactorServerHttpResponse} (package-private, so built reflectively
 * once), over Netty's {@link DefaultHttpHeaders}, so header reads and writes cost what they cost in production, by
 * Spring's API or by Netty's own. Reactor Netty's connection-bound request and response are stood in for by
 * {@link ReactorNettyStandIns}; committing sends nothing. Each call to {@link #response()} gets new headers and
 * status under one shared stand-in, as each exchange does.
 */
final class NettyHeaders {

    private static final MethodHandle newRequest;

    private static final MethodHandle newResponse;

    private static final DataBufferFactory buffers = new NettyDataBufferFactory(ByteBufAllocator.DEFAULT);

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            Class<?> request = Class.forName("org.springframework.http.server.reactive.ReactorServerHttpRequest");
            Class<?> response = Class.forName("org.springframework.http.server.reactive.ReactorServerHttpResponse");
            var requestConstructor = request.getConstructor(HttpServerRequest.class, NettyDataBufferFactory.class);
            var responseConstructor = response.getConstructor(HttpServerResponse.class, DataBufferFactory.class);
            requestConstructor.setAccessible(true);
            responseConstructor.setAccessible(true);
            newRequest = lookup.unreflectConstructor(requestConstructor)
                .asType(MethodType.methodType(ServerHttpRequest.class, HttpServerRequest.class,
                        NettyDataBufferFactory.class));
            newResponse = lookup.unreflectConstructor(responseConstructor)
                .asType(MethodType.methodType(ServerHttpResponse.class, HttpServerResponse.class,
                        DataBufferFactory.class));
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private static final ReactorNettyStandIns.Response nativeResponse = new ReactorNettyStandIns.Response();

    private NettyHeaders() {
    }

    /** A request to {@code http://api.example.com} and the given path, with the given headers. */
    static ServerHttpRequest request(String method, String path, List<String[]> headers) {
        DefaultHttpHeaders nettyHeaders = new DefaultHttpHeaders();
        for (String[] header : headers) {
            nettyHeaders.add(header[0], header[1]);
        }
        HttpServerRequest nativeRequest = new ReactorNettyStandIns.Request(HttpMethod.valueOf(method), path,
                nettyHeaders);
        try {
            return (ServerHttpRequest) newRequest.invokeExact(nativeRequest,
                    (NettyDataBufferFactory) buffers);
        }
        catch (Throwable ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A new response, with empty headers. */
    static ServerHttpResponse response() {
        HttpServerResponse reset = nativeResponse.reset();
        try {
            return (ServerHttpResponse) newResponse.invokeExact(reset, buffers);
        }
        catch (Throwable ex) {
            throw new IllegalStateException(ex);
        }
    }

}
