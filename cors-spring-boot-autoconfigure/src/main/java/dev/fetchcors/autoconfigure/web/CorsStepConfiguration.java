package dev.fetchcors.autoconfigure.web;

import dev.fetchcors.autoconfigure.CorsDecisionObserver;
import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.CorsProperties;
import dev.fetchcors.autoconfigure.web.CorsStep.Uncovered;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link CorsStep} both web stacks' auto-configurations import: the starter's resolver, every
 * {@link CorsDecisionObserver} bean in order, and WebSocket handshakes no policy covers accepted from the
 * application's own origin only, unless {@code app.cors.websocket.enabled=false}. A gateway's auto-configuration,
 * which runs first, defines its own.
 */
@Configuration(proxyBeanMethods = false)
public class CorsStepConfiguration {

    @Bean
    @ConditionalOnBean(CorsPolicyResolver.class)
    @ConditionalOnMissingBean
    CorsStep corsStep(CorsPolicyResolver resolver, ObjectProvider<CorsDecisionObserver> observers,
            CorsProperties properties) {
        return new CorsStep(resolver, CorsDecisionObserver.combine(observers.orderedStream().toList()),
                properties.getWebsocket().isEnabled() ? Uncovered.SAME_ORIGIN_SOCKETS : Uncovered.LEFT_ALONE,
                new ShadowReport(properties.getShadow().getMaxDistinct()));
    }

}
