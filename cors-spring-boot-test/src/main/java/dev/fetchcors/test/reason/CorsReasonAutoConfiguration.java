package dev.fetchcors.test.reason;

import java.io.IOException;

import dev.fetchcors.autoconfigure.ServerCorsRequest;
import dev.fetchcors.autoconfigure.reactive.FetchCorsWebFilter;
import dev.fetchcors.autoconfigure.servlet.FetchCorsFilter;
import dev.fetchcors.autoconfigure.web.CorsAdapter;
import dev.fetchcors.autoconfigure.web.CorsStep;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * In an application under test (the kit is a test-scoped dependency), a refused CORS request's response carries
 * {@value #HEADER}: the policy's name and its reason, the sentence the DEBUG line and the actuator's check give,
 * which names the property to change. The kit's failure messages quote it. A filter just before the starter's, on
 * either stack, asks the starter's own {@link CorsStep} what it decides, without changing what it does.
 */
@AutoConfiguration(afterName = { "dev.fetchcors.autoconfigure.servlet.CorsServletAutoConfiguration",
        "dev.fetchcors.autoconfigure.reactive.CorsReactiveAutoConfiguration",
        "dev.fetchcors.autoconfigure.gateway.ServletGatewayCorsAutoConfiguration",
        "dev.fetchcors.autoconfigure.gateway.ReactiveGatewayCorsAutoConfiguration" })
@ConditionalOnClass(CorsStep.class)
public final class CorsReasonAutoConfiguration {

    /** The response header that carries the reason of a refusal. */
    public static final String HEADER = "X-Fetch-Cors-Reason";

    /** Just before the starter's filter, so that a preflight it answers carries the reason too. */
    static final int ORDER = CorsAdapter.DEFAULT_ORDER - 1;

    private static final Log logger = LogFactory.getLog(CorsReasonAutoConfiguration.class);

    static @Nullable String reason(CorsStep step, ServerCorsRequest request) {
        CorsStep.Judgement judgement = step.judge(request);
        if (judgement == null || judgement.decision().refusal() == null || judgement.decision().isShadow()) {
            // In shadow mode the starter refuses nothing, and writes nothing: its report says what it would do.
            return null;
        }
        return "policy '" + judgement.policy().name() + "': " + judgement.decision().reason(request);
    }

    static void announce() {
        logger.info("cors-spring-boot-test is on the class path: responses to refused CORS requests carry "
                + HEADER + ", the policy's reason, for the test kit's messages. Keep the kit in test scope.");
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.SERVLET)
    @ConditionalOnClass(Filter.class)
    @ConditionalOnBean(CorsStep.class)
    static class ServletReason {

        @Bean
        FilterRegistrationBean<ServletReasonFilter> corsReasonFilterRegistration(CorsStep step) {
            announce();
            FilterRegistrationBean<ServletReasonFilter> registration = new FilterRegistrationBean<>(
                    new ServletReasonFilter(step));
            registration.setName("corsReasonFilter");
            registration.setOrder(ORDER);
            return registration;
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.REACTIVE)
    @ConditionalOnClass({ WebFilter.class, Mono.class })
    @ConditionalOnBean(CorsStep.class)
    static class ReactiveReason {

        @Bean
        WebFilter corsReasonWebFilter(CorsStep step) {
            announce();
            return new ReactiveReasonFilter(step);
        }

    }

    /** The servlet side: the reason is set before the chain runs, so that an answered preflight carries it. */
    static final class ServletReasonFilter extends HttpFilter implements Ordered {

        private static final long serialVersionUID = 1L;

        private final transient CorsStep step;

        ServletReasonFilter(CorsStep step) {
            this.step = step;
        }

        @Override
        public int getOrder() {
            return ORDER;
        }

        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            String reason = reason(this.step, FetchCorsFilter.requestView(request));
            if (reason != null) {
                response.setHeader(HEADER, reason);
            }
            chain.doFilter(request, response);
        }

    }

    /** The reactive side. */
    static final class ReactiveReasonFilter implements WebFilter, Ordered {

        private final CorsStep step;

        ReactiveReasonFilter(CorsStep step) {
            this.step = step;
        }

        @Override
        public int getOrder() {
            return ORDER;
        }

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            String reason = reason(this.step, FetchCorsWebFilter.requestView(exchange.getRequest()));
            if (reason != null) {
                exchange.getResponse().getHeaders().set(HEADER, reason);
            }
            return chain.filter(exchange);
        }

    }

}
