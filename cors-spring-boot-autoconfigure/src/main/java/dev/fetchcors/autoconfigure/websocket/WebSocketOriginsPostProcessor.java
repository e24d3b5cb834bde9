package dev.fetchcors.autoconfigure.websocket;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.fetchcors.autoconfigure.CorsPolicies;
import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.NamedCorsPolicy;
import dev.fetchcors.autoconfigure.servlet.FetchCorsFilter;
import dev.fetchcors.core.CorsConfig;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
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
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Adjusts the WebSocket endpoints of every URL handler mapping once it is initialised (the ones
 * {@code @EnableWebSocket} and {@code @EnableWebSocketMessageBroker} register): where the application set no
 * allowed origins, Spring's same-origin check accepts the handshakes the CORS filters allowed; the paths of SockJS
 * services are handed to {@link SockJsOriginFilter}, which lets a transport request through only from an origin the
 * policy would let open a WebSocket. The services themselves stay as the application configured them (but for the
 * CORS headers of those with origins of their own, which the policy writes), so that in shadow mode, or where the
 * policy does not judge handshakes, they answer exactly as Spring's own checks would.
 */
final class WebSocketOriginsPostProcessor implements BeanPostProcessor {

    private static final Log logger = LogFactory.getLog(WebSocketOriginsPostProcessor.class);

    /** The paths of the SockJS endpoints met, which {@link SockJsOriginFilter} guards. */
    private final SockJsEndpoints sockJsEndpoints = new SockJsEndpoints();

    private final ObjectProvider<CorsPolicyResolver> resolver;

    WebSocketOriginsPostProcessor(ObjectProvider<CorsPolicyResolver> resolver) {
        this.resolver = resolver;
    }

    SockJsEndpoints sockJsEndpoints() {
        return this.sockJsEndpoints;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AbstractUrlHandlerMapping mapping) {
            // The patterns as the mapping itself parsed them, so that the guard matches what the mapping routes.
            PathPatternParser parser = (mapping.getPatternParser() != null) ? mapping.getPatternParser()
                    : PathPatternParser.defaultInstance;
            for (Map.Entry<String, Object> entry : mapping.getHandlerMap().entrySet()) {
                boolean opened = adjust(entry.getKey(), entry.getValue());
                if (entry.getValue() instanceof SockJsHttpRequestHandler sockJs) {
                    AbstractSockJsService ownOrigins = (!opened
                            && sockJs.getSockJsService() instanceof AbstractSockJsService service) ? service : null;
                    this.sockJsEndpoints.add(parser.parse(parser.initFullPathPattern(entry.getKey())), opened,
                            ownOrigins);
                }
            }
        }
        return bean;
    }

    /**
     * Adjusts one endpoint; whether it is a SockJS endpoint whose application set no origins, so that its own check
     * is Spring's same-origin default, which {@link SockJsOriginFilter} satisfies for the origins the policy allows.
     */
    private boolean adjust(String path, Object handler) {
        if (handler instanceof WebSocketHttpRequestHandler webSocket) {
            followPolicy(path, webSocket.getHandshakeInterceptors());
        }
        else if (handler instanceof SockJsHttpRequestHandler sockJs
                && sockJs.getSockJsService() instanceof AbstractSockJsService service) {
            if (service instanceof TransportHandlingSockJsService transports) {
                followPolicy(path, transports.getHandshakeInterceptors());
            }
            if (isEmpty(service.getAllowedOrigins()) && isEmpty(service.getAllowedOriginPatterns())) {
                // Left as it is: the guard refuses what the policy refuses, and shows the service the requests the
                // policy allows without their Origin, so that its same-origin check, the CORS it adds to CORS
                // requests and its iframe transport stay Spring's own, in shadow mode and after a refresh too.
                return true;
            }
            // Origins the application set itself: their check stays, and the CORS headers are the policy's alone.
            if (!isShadowed()) {
                service.setSuppressCors(true);
            }
        }
        return false;
    }

    /**
     * Whether the default policy is in shadow mode at startup: an endpoint with origins of its own then keeps the CORS
     * headers it writes, since in shadow mode the starter writes none.
     */
    private boolean isShadowed() {
        CorsPolicyResolver resolver = this.resolver.getIfAvailable();
        NamedCorsPolicy defaultPolicy = (resolver != null) ? resolver.policies().defaultPolicy() : null;
        return defaultPolicy != null && defaultPolicy.policy().config().mode() == CorsConfig.Mode.SHADOW;
    }

    private void followPolicy(String path, List<HandshakeInterceptor> interceptors) {
        for (int i = 0; i < interceptors.size(); i++) {
            if (interceptors.get(i) instanceof OriginHandshakeInterceptor origins && isEmpty(origins.getAllowedOrigins())
                    && isEmpty(origins.getAllowedOriginPatterns())) {
                interceptors.set(i, new PolicyOriginHandshakeInterceptor(origins));
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
     * Spring's same-origin check, except for what the CORS filters judged: a WebSocket handshake the CORS filter
     * allowed, and a SockJS HTTP transport that {@link SockJsOriginFilter} allowed as the handshake it stands in for,
     * proceed; anything else (a request without {@code Origin} among them) meets Spring's own check.
     */
    static final class PolicyOriginHandshakeInterceptor implements HandshakeInterceptor {

        private final OriginHandshakeInterceptor sameOrigin;

        PolicyOriginHandshakeInterceptor(OriginHandshakeInterceptor sameOrigin) {
            this.sameOrigin = sameOrigin;
        }

        @Override
        public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
                WebSocketHandler wsHandler, Map<String, Object> attributes) throws Exception {
            if (request instanceof ServletServerHttpRequest servlet && Boolean.TRUE
                .equals(servlet.getServletRequest().getAttribute(FetchCorsFilter.ALLOWED_HANDSHAKE_ATTRIBUTE))) {
                return true;
            }
            return this.sameOrigin.beforeHandshake(request, response, wsHandler, attributes);
        }

        @Override
        public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
                @Nullable Exception exception) {
            this.sameOrigin.afterHandshake(request, response, wsHandler, exception);
        }

    }

}
