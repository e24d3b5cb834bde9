package dev.fetchcors.autoconfigure.websocket;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import dev.fetchcors.autoconfigure.ServerCorsRequest;
import dev.fetchcors.autoconfigure.servlet.FetchCorsFilter;
import dev.fetchcors.autoconfigure.judge.CorsJudge;
import dev.fetchcors.autoconfigure.judge.JudgedRequest;
import dev.fetchcors.autoconfigure.servlet.CorsServletGuard;
import dev.fetchcors.core.CorsDecision;
import dev.fetchcors.core.CorsHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.RequestPath;

/**
 * Every request to a SockJS endpoint that carries an {@code Origin} (its HTTP transports {@code xhr},
 * {@code xhr_send}, {@code xhr_streaming}, {@code eventsource}, {@code htmlfile}, {@code jsonp}, and {@code info}) is
 * judged as the WebSocket handshake it stands in for, by the policy that judged the request (never resolved again):
 * from an origin the policy refuses (and not the application's own), it gets 403 and reaches neither the session it
 * names nor the handler. An endpoint whose application set no origins is left as Spring configured it, and sees the
 * requests the policy allows without their {@code Origin}, so that its same-origin check lets them through and it
 * adds no CORS headers of its own; one with origins of its own keeps its check as well.
 *
 * <p>Where the policy does not judge handshakes ({@code webSocketHandshakes(false)}) or is in shadow mode, the guard
 * does nothing: the endpoint answers as Spring alone would, never more open than Spring's default.
 */
final class SockJsOriginFilter implements CorsServletGuard {

    private static final Log logger = LogFactory.getLog(SockJsOriginFilter.class);

    private final CorsJudge judge;

    private final SockJsEndpoints endpoints;

    SockJsOriginFilter(CorsJudge judge, SockJsEndpoints endpoints) {
        this.judge = judge;
        this.endpoints = endpoints;
    }

    @Override
    public void filter(JudgedRequest judged, HttpServletRequest request, HttpServletResponse response,
            FilterChain chain) throws IOException, ServletException {
        if (this.endpoints.isEmpty() || request.getDispatcherType() != DispatcherType.REQUEST
                || judged.header(CorsHeaders.ORIGIN) == null) {
            chain.doFilter(request, response);
            return;
        }
        SockJsEndpoints.Endpoint endpoint = this.endpoints.match(judged.path().pathWithinApplication());
        if (endpoint == null) {
            chain.doFilter(request, response);
            return;
        }
        AsHandshake handshake = new AsHandshake(judged);
        CorsDecision decision = this.judge.decideAs(judged, handshake);
        endpoint.writeCors(!decision.isShadow());
        if (decision.kind() != CorsDecision.Kind.WEBSOCKET || decision.isShadow()) {
            // The policy does not judge handshakes, or only compares: Spring's own check answers.
            chain.doFilter(request, response);
            return;
        }
        if (decision.refusal() != null) {
            if (logger.isDebugEnabled()) {
                logger.debug("Refused SockJS " + CorsDecision.forLog(request.getMethod()) + " "
                        + CorsDecision.forLog(judged.path().value()) + " (policy '" + judged.policyName() + "'): "
                        + decision.reason(handshake));
            }
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        request.setAttribute(FetchCorsFilter.ALLOWED_HANDSHAKE_ATTRIBUTE, Boolean.TRUE);
        chain.doFilter(endpoint.opened() ? new WithoutOrigin(request) : request, response);
    }

    /** The request without its {@code Origin}, for an endpoint whose only own check is Spring's same-origin one. */
    private static final class WithoutOrigin extends HttpServletRequestWrapper {

        WithoutOrigin(HttpServletRequest request) {
            super(request);
        }

        @Override
        public @Nullable String getHeader(String name) {
            return CorsHeaders.ORIGIN.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return CorsHeaders.ORIGIN.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (Enumeration<String> all = super.getHeaderNames(); all.hasMoreElements();) {
                String name = all.nextElement();
                if (!CorsHeaders.ORIGIN.equalsIgnoreCase(name)) {
                    names.add(name);
                }
            }
            return Collections.enumeration(names);
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
        public @Nullable String targetScheme() {
            return this.request.targetScheme();
        }

        @Override
        public @Nullable String targetHost() {
            return this.request.targetHost();
        }

        @Override
        public int targetPort() {
            return this.request.targetPort();
        }

        @Override
        public RequestPath path() {
            return this.request.path();
        }

    }

}
