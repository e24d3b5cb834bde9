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
 * allowed origins, Spring's same-origin check accepts the handshakes the CORS filters allowed; SockJS services
 * never write CORS headers of their own, and their paths are handed to {@link SockJsOriginFilter}, which lets a
 * transport request through only from an origin the policy would let open a WebSocket. While a policy is in shadow
 * mode, no endpoint is adjusted.
 */
final class WebSocketOriginsPostProcessor implements BeanPostProcessor {

    private static final Log logger = LogFactory.getLog(WebSocketOriginsPostProcessor.class);

    /** The paths of the SockJS endpoints met, which {@link SockJsOriginFilter} guards. */
    private final SockJsEndpoints sockJsEndpoints = new SockJsEndpoints();

    private final ObjectProvider<CorsPolicyResolver> resolver;

    private @Nullable Boolean shadowed;

    WebSocketOriginsPostProcessor(ObjectProvider<CorsPolicyResolver> resolver) {
        this.resolver = resolver;
    }

    SockJsEndpoints sockJsEndpoints() {
        return this.sockJsEndpoints;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AbstractUrlHandlerMapping mapping && !isShadowed()) {
            for (Map.Entry<String, Object> entry : mapping.getHandlerMap().entrySet()) {
                adjust(entry.getKey(), entry.getValue());
            }
            // The patterns as the mapping itself parsed them, so that the guard matches what the mapping routes.
            PathPatternParser parser = (mapping.getPatternParser() != null) ? mapping.getPatternParser()
                    : PathPatternParser.defaultInstance;
            mapping.getHandlerMap().forEach((pattern, handler) -> {
                if (handler instanceof SockJsHttpRequestHandler) {
                    this.sockJsEndpoints.add(parser.parse(parser.initFullPathPattern(pattern)));
                }
            });
        }
        return bean;
    }

    /**
     * Whether a policy is in shadow mode: then every endpoint keeps the origin check the application gave it, since
     * the starter must change nothing the application answers (and a SockJS endpoint opened to the policy's origins
     * would be guarded by nobody). Asked once, at the first handler mapping.
     */
    private boolean isShadowed() {
        Boolean shadowed = this.shadowed;
        if (shadowed == null) {
            CorsPolicyResolver resolver = this.resolver.getIfAvailable();
            CorsPolicies policies = (resolver != null) ? resolver.policies() : CorsPolicies.none();
            shadowed = (policies.defaultPolicy() != null && isShadow(policies.defaultPolicy()))
                    || policies.pathPolicies().stream().anyMatch(WebSocketOriginsPostProcessor::isShadow);
            this.shadowed = shadowed;
            if (shadowed) {
                logger.info("A CORS policy is in shadow mode: WebSocket and SockJS endpoints keep their own origin"
                        + " checks");
            }
        }
        return shadowed;
    }

    private static boolean isShadow(NamedCorsPolicy policy) {
        return policy.policy().config().mode() == CorsConfig.Mode.SHADOW;
    }

    private void adjust(String path, Object handler) {
        if (handler instanceof WebSocketHttpRequestHandler webSocket) {
            followPolicy(path, webSocket.getHandshakeInterceptors());
        }
        else if (handler instanceof SockJsHttpRequestHandler sockJs
                && sockJs.getSockJsService() instanceof AbstractSockJsService service) {
            // Its HTTP transports are ordinary CORS requests, whose headers the filter writes by the policy; the
            // browser enforces them, and SockJsOriginFilter refuses every one from an origin the policy refuses,
            // whatever session it names. Iframe transports stay off, as they do whenever origins are set.
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
