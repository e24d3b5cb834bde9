package dev.fetchcors.autoconfigure.websocket;

import dev.fetchcors.autoconfigure.policy.CorsAutoConfiguration;
import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.servlet.CorsServletAutoConfiguration;
import dev.fetchcors.autoconfigure.judge.CorsJudge;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * Spring MVC's WebSocket endpoints (plain handlers, STOMP, SockJS) accept the handshakes the CORS policy allows,
 * with no per-endpoint origin setting: the servlet filter refuses a handshake from a refused origin with 403 before
 * it reaches them, and marks the ones it allowed, which Spring's same-origin check then lets through. An endpoint
 * for which the application set origins itself keeps its own check as well. SockJS endpoints leave their CORS
 * headers to the starter, and a filter right after the CORS filter refuses every SockJS transport request from an
 * origin the policy refuses, whatever session it names, with 403. On WebFlux,
 * which has no origin check of its own, the WebFilter's verdict is all there is, and nothing needs configuring.
 */
@AutoConfiguration(after = { CorsAutoConfiguration.class, CorsServletAutoConfiguration.class })
@ConditionalOnWebApplication(type = Type.SERVLET)
// By name: the class is read only where Spring's WebSocket support is, even when imported directly.
@ConditionalOnClass(name = "org.springframework.web.socket.server.support.OriginHandshakeInterceptor")
@ConditionalOnProperty(name = { "app.cors.enabled", "app.cors.websocket.enabled" }, havingValue = "true",
        matchIfMissing = true)
public final class CorsWebSocketAutoConfiguration {

    @Bean
    @ConditionalOnBean(CorsJudge.class)
    static WebSocketOriginsPostProcessor corsWebSocketOriginsPostProcessor(
            ObjectProvider<CorsPolicyResolver> resolver) {
        return new WebSocketOriginsPostProcessor(resolver);
    }

    @Bean
    @ConditionalOnBean(CorsJudge.class)
    SockJsOriginFilter corsSockJsOriginGuard(CorsJudge judge, WebSocketOriginsPostProcessor postProcessor) {
        return new SockJsOriginFilter(judge, postProcessor.sockJsEndpoints());
    }

}
