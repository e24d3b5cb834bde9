package dev.fetchcors.autoconfigure.websocket;

import java.io.IOException;
import java.util.List;

import dev.fetchcors.autoconfigure.ServerCorsRequest;
import dev.fetchcors.autoconfigure.servlet.FetchCorsFilter;
import dev.fetchcors.autoconfigure.web.CorsStep;
import dev.fetchcors.core.CorsDecision;
import dev.fetchcors.core.CorsHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.server.RequestPath;

/**
 * Every request to a SockJS endpoint that carries an {@code Origin} (its HTTP transports {@code xhr},
 * {@code xhr_send}, {@code xhr_streaming}, {@code eventsource}, {@code htmlfile}, {@code jsonp}, and {@code info})
 * is judged as the WebSocket handshake it stands in for, right after the CORS filter: from an origin the policy
 * refuses (and not the application's own), it gets 403 and reaches neither the session it names nor the handler,
 * as Spring's own SockJS origin check would answer it. Requests without {@code Origin} (not a browser) pass, as
 * they do for handshakes; allowed ones are marked, so that the endpoint's own same-origin check lets them open a
 * session.
 */
final class SockJsOriginFilter extends HttpFilter implements Ordered {

    private static final long serialVersionUID = 1L;

    /** Just inside the CORS filter, which has already answered preflights and written the CORS headers. */
    static final int ORDER = FetchCorsFilter.DEFAULT_ORDER + 1;

    private static final Log logger = LogFactory.getLog(SockJsOriginFilter.class);

    private final transient CorsStep step;

    private final transient SockJsEndpoints endpoints;

    SockJsOriginFilter(CorsStep step, SockJsEndpoints endpoints) {
        this.step = step;
        this.endpoints = endpoints;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (this.endpoints.isEmpty() || request.getHeader(CorsHeaders.ORIGIN) == null) {
            chain.doFilter(request, response);
            return;
        }
        ServerCorsRequest view = FetchCorsFilter.requestView(request);
        if (!this.endpoints.matches(view.path().pathWithinApplication())) {
            chain.doFilter(request, response);
            return;
        }
        CorsStep.Judgement judgement = this.step.judge(new AsHandshake(view));
        if (judgement != null && judgement.decision().kind() == CorsDecision.Kind.WEBSOCKET) {
            if (judgement.decision().refusal() != null) {
                if (logger.isDebugEnabled()) {
                    logger.debug("Refused SockJS " + request.getMethod() + " " + view.path().value() + " (policy '"
                            + judgement.policy().name() + "'): " + judgement.decision().reason(view));
                }
                response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                return;
            }
            request.setAttribute(FetchCorsFilter.ALLOWED_HANDSHAKE_ATTRIBUTE, Boolean.TRUE);
        }
        chain.doFilter(request, response);
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
            return CorsHeaders.UPGRADE.equalsIgnoreCase(name) ? "websocket" : this.request.header(name);
        }

        @Override
        public Iterable<String> headers(String name) {
            return CorsHeaders.UPGRADE.equalsIgnoreCase(name) ? List.of("websocket") : this.request.headers(name);
        }

        @Override
        public boolean isRepeated(String name) {
            return !CorsHeaders.UPGRADE.equalsIgnoreCase(name) && this.request.isRepeated(name);
        }

        @Override
        public @Nullable String targetOrigin() {
            return this.request.targetOrigin();
        }

        @Override
        public RequestPath path() {
            return this.request.path();
        }

    }

}
