package dev.fetchcors.autoconfigure.websocket;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.NamedCorsPolicy;
import dev.fetchcors.autoconfigure.ServerCorsRequest;
import dev.fetchcors.autoconfigure.servlet.FetchCorsFilter;
import dev.fetchcors.core.CorsDecision;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.RequestPath;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.support.OriginHandshakeInterceptor;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;
import org.springframework.web.socket.sockjs.support.AbstractSockJsService;
import org.springframework.web.socket.sockjs.support.SockJsHttpRequestHandler;
import org.springframework.web.socket.sockjs.transport.TransportHandlingSockJsService;

/**
 * Adjusts the WebSocket endpoints of every URL handler mapping once it is initialised (the ones
 * {@code @EnableWebSocket} and {@code @EnableWebSocketMessageBroker} register): where the application set no
 * allowed origins, Spring's same-origin check accepts the handshakes the CORS filter allowed, and keeps refusing
 * the ones no policy judged; SockJS services never write CORS headers of their own, and their HTTP transports
 * (XHR, event source) open a session only for an origin the policy would let open a WebSocket.
 */
final class WebSocketOriginsPostProcessor implements BeanPostProcessor {

    private static final Log logger = LogFactory.getLog(WebSocketOriginsPostProcessor.class);

    private final ObjectProvider<CorsPolicyResolver> resolver;

    WebSocketOriginsPostProcessor(ObjectProvider<CorsPolicyResolver> resolver) {
        this.resolver = resolver;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AbstractUrlHandlerMapping mapping) {
            for (Map.Entry<String, Object> entry : mapping.getHandlerMap().entrySet()) {
                adjust(entry.getKey(), entry.getValue());
            }
        }
        return bean;
    }

    private void adjust(String path, Object handler) {
        if (handler instanceof WebSocketHttpRequestHandler webSocket) {
            followPolicy(path, webSocket.getHandshakeInterceptors());
        }
        else if (handler instanceof SockJsHttpRequestHandler sockJs
                && sockJs.getSockJsService() instanceof AbstractSockJsService service) {
            // Its HTTP transports are ordinary CORS requests, whose headers the filter writes by the policy; the
            // browser enforces them. Iframe transports stay off, as they do whenever origins are set.
            service.setSuppressCors(true);
            if (isEmpty(service.getAllowedOrigins()) && isEmpty(service.getAllowedOriginPatterns())) {
                service.setAllowedOriginPatterns(List.of("*"));
            }
            if (service instanceof TransportHandlingSockJsService transports) {
                followPolicy(path, transports.getHandshakeInterceptors());
            }
        }
    }

    private void followPolicy(String path, List<HandshakeInterceptor> interceptors) {
        for (int i = 0; i < interceptors.size(); i++) {
            if (interceptors.get(i) instanceof OriginHandshakeInterceptor origins && isEmpty(origins.getAllowedOrigins())
                    && isEmpty(origins.getAllowedOriginPatterns())) {
                interceptors.set(i, new PolicyOriginHandshakeInterceptor(origins, this.resolver));
                if (logger.isDebugEnabled()) {
                    logger.debug("WebSocket endpoint " + path + " accepts the origins the CORS policy allows");
                }
            }
        }
    }

    private static boolean isEmpty(@Nullable Collection<String> values) {
        return values == null || values.isEmpty();
    }

    /**
     * Spring's same-origin check, except for what the CORS policy judges: a WebSocket handshake the filter allowed
     * proceeds; a SockJS HTTP transport opening a session (the filter passes it on as an ordinary request, with or
     * without CORS headers) is judged here as the handshake it stands in for, so an origin the policy refuses gets
     * 403 and no session. What no policy covers meets Spring's same-origin check.
     */
    static final class PolicyOriginHandshakeInterceptor implements HandshakeInterceptor {

        private final OriginHandshakeInterceptor sameOrigin;

        private final ObjectProvider<CorsPolicyResolver> resolver;

        PolicyOriginHandshakeInterceptor(OriginHandshakeInterceptor sameOrigin,
                ObjectProvider<CorsPolicyResolver> resolver) {
            this.sameOrigin = sameOrigin;
            this.resolver = resolver;
        }

        @Override
        public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
                WebSocketHandler wsHandler, Map<String, Object> attributes) throws Exception {
            if (request instanceof ServletServerHttpRequest servlet) {
                HttpServletRequest http = servlet.getServletRequest();
                if (Boolean.TRUE.equals(http.getAttribute(FetchCorsFilter.ALLOWED_HANDSHAKE_ATTRIBUTE))) {
                    return true;
                }
                CorsDecision decision = judgeAsHandshake(http);
                if (decision != null) {
                    if (decision.refusal() == null) {
                        return true;
                    }
                    if (logger.isDebugEnabled()) {
                        logger.debug("Refused SockJS session " + http.getMethod() + " " + http.getRequestURI() + ": "
                                + decision.reason(FetchCorsFilter.requestView(http)));
                    }
                    response.setStatusCode(HttpStatus.FORBIDDEN);
                    return false;
                }
            }
            return this.sameOrigin.beforeHandshake(request, response, wsHandler, attributes);
        }

        /** The policy's verdict on this request's origin as a handshake, or {@code null} where none applies. */
        private @Nullable CorsDecision judgeAsHandshake(HttpServletRequest request) {
            if (request.getHeader(HttpHeaders.ORIGIN) == null) {
                return null;
            }
            CorsPolicyResolver resolver = this.resolver.getIfAvailable();
            if (resolver == null) {
                return null;
            }
            ServerCorsRequest handshake = new AsHandshake(FetchCorsFilter.requestView(request));
            NamedCorsPolicy policy = resolver.resolve(handshake);
            if (policy == null) {
                return null;
            }
            CorsDecision decision = policy.policy().evaluate(handshake);
            return (decision.kind() == CorsDecision.Kind.WEBSOCKET) ? decision : null;
        }

        @Override
        public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
                @Nullable Exception exception) {
            this.sameOrigin.afterHandshake(request, response, wsHandler, exception);
        }

    }

    /** A request seen as the WebSocket handshake it stands in for: {@code GET} with {@code Upgrade: websocket}. */
    private static final class AsHandshake implements ServerCorsRequest {

        private final ServerCorsRequest request;

        AsHandshake(ServerCorsRequest request) {
            this.request = request;
        }

        @Override
        public String method() {
            return "GET";
        }

        @Override
        public @Nullable String header(String name) {
            return HttpHeaders.UPGRADE.equalsIgnoreCase(name) ? "websocket" : this.request.header(name);
        }

        @Override
        public Iterable<String> headers(String name) {
            return HttpHeaders.UPGRADE.equalsIgnoreCase(name) ? List.of("websocket") : this.request.headers(name);
        }

        @Override
        public boolean isRepeated(String name) {
            return !HttpHeaders.UPGRADE.equalsIgnoreCase(name) && this.request.isRepeated(name);
        }

        @Override
        public RequestPath path() {
            return this.request.path();
        }

    }

}
