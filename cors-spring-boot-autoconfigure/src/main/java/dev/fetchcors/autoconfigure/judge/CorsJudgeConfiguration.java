package dev.fetchcors.autoconfigure.judge;

import dev.fetchcors.autoconfigure.CorsDecisionObserver;
import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.CorsProperties;
import dev.fetchcors.autoconfigure.judge.CorsJudge.Uncovered;
import dev.fetchcors.autoconfigure.shadow.ShadowReport;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one place a {@link CorsJudge} is built, whatever is on (a gateway, WebSocket support, shadow mode): both web
 * stacks' auto-configurations import it. It takes the starter's resolver, every {@link CorsDecisionObserver} bean in
 * order, and what becomes of requests no policy covers: a bean of {@link Uncovered} where a feature decides it (a
 * gateway refuses them), else WebSocket handshakes accepted from the application's own origin only, unless
 * {@code app.cors.websocket.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
public class CorsJudgeConfiguration {

    @Bean
    @ConditionalOnBean(CorsPolicyResolver.class)
    @ConditionalOnMissingBean
    CorsJudge corsJudge(CorsPolicyResolver resolver, ObjectProvider<CorsDecisionObserver> observers,
            ObjectProvider<Uncovered> uncovered, CorsProperties properties) {
        return new CorsJudge(resolver, CorsDecisionObserver.combine(observers.orderedStream().toList()),
                uncovered.getIfUnique(() -> Uncovered.of(properties.getWebsocket().isEnabled())),
                new ShadowReport(properties.getShadow().getMaxDistinct()), properties.isReasonHeader());
    }

}
