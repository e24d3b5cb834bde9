package dev.fetchcors.autoconfigure.servlet;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.CorsProperties;
import dev.fetchcors.autoconfigure.judge.CorsJudge.Uncovered;
import dev.fetchcors.autoconfigure.judge.CorsJudge;
import dev.fetchcors.autoconfigure.judge.JudgedRequest;
import dev.fetchcors.core.CorsAnswer;
import dev.fetchcors.core.CorsDecision;
import dev.fetchcors.core.CorsHeaders;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.http.server.RequestPath;
import org.springframework.util.Assert;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The servlet adapter: reads the request for the {@link CorsJudge} that decides (the one both adapters share), and
 * writes what it decided. Preflights are answered here and never reach the application; every other request is
 * passed on, with its CORS headers already set so that error responses carry them too.
 *
 * <pre>{@code
 * FilterRegistrationBean<FetchCorsFilter> registration =
 *         new FilterRegistrationBean<>(new FetchCorsFilter(CorsPolicyResolver.of(policy)));
 * registration.setOrder(FetchCorsFilter.DEFAULT_ORDER);
 * registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
 * }</pre>
 *
 * <p>Headers are set, never added, and {@code Vary} is merged into what the response has, so running again on an
 * error dispatch writes nothing twice (on a response that has no header at all yet, adding is setting, and costs
 * less). The path that selects a per-path policy is the one the request is routed on ({@link ServletRoutes}): for
 * the {@code DispatcherServlet}, the request URI parsed as {@link ServletRequestPathUtils} parses it, never
 * normalised a second way, so that {@code /public/..;/account} cannot borrow the policy of {@code /public/**} while a
 * catch-all handler serves it; for other servlets, the path within the application; for an error dispatch, the path
 * of the request that failed.
 *
 * <p>A decision in shadow mode ({@link CorsDecision#isShadow()}) writes nothing and answers nothing: the request is
 * passed on as if the filter were not there, and the response, once final, is compared with the decision
 * ({@link CorsJudge#compare}).
 */
public final class FetchCorsFilter implements Filter, Ordered {

    /**
     * Before Spring Security's filter chain, so that preflights never meet authentication and a 401 or 403 carries
     * the CORS headers ({@link CorsJudge#ORDER}).
     */
    public static final int DEFAULT_ORDER = CorsJudge.ORDER;

    /**
     * The request attribute, {@code Boolean.TRUE}, on a WebSocket handshake whose origin the policy allowed; Spring
     * MVC's WebSocket origin check then lets it through (see {@code CorsWebSocketAutoConfiguration}).
     */
    public static final String ALLOWED_HANDSHAKE_ATTRIBUTE = FetchCorsFilter.class.getName() + ".allowedHandshake";

    /** The judgement a witness made of a request before the filter it watched ({@link #witness}). */
    private static final String JUDGED_ATTRIBUTE = FetchCorsFilter.class.getName() + ".judged";

    /** Set on a request in shadow mode that failed, so that its error dispatch compares the response. */
    private static final String SHADOW_PENDING_ATTRIBUTE = FetchCorsFilter.class.getName() + ".shadowPending";

    private static final Log logger = LogFactory.getLog(FetchCorsFilter.class);

    private final CorsJudge judge;

    private final @Nullable CorsServletGuard guard;

    /**
     * A filter over the given resolver, to register with {@link CorsServletAutoConfiguration#registration}.
     *
     * @param resolver picks the policy for each request
     */
    public FetchCorsFilter(CorsPolicyResolver resolver) {
        this(new CorsJudge(resolver, null, Uncovered.SAME_ORIGIN_SOCKETS), List.of());
    }

    /**
     * A filter over a judge of your making (an observer told of each decision, what becomes of requests no policy
     * covers), as the servlet auto-configuration builds it; its refusals are explained at DEBUG under
     * {@code dev.fetchcors.autoconfigure.servlet.FetchCorsFilter}.
     *
     * @param judge judges each request
     * @param guards what runs on every request once it is judged, in order, such as a gateway's sole CORS owner
     */
    public FetchCorsFilter(CorsJudge judge, List<CorsServletGuard> guards) {
        Assert.notNull(judge, "'judge' must not be null");
        Assert.notNull(guards, "'guards' must not be null");
        this.judge = judge;
        this.guard = CorsServletGuard.combine(guards);
    }

    @Override
    public int getOrder() {
        return DEFAULT_ORDER;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest httpRequest)
                || !(response instanceof HttpServletResponse httpResponse)) {
            chain.doFilter(request, response);
            return;
        }
        boolean errorDispatch = httpRequest.getDispatcherType() == DispatcherType.ERROR;
        ServletCorsRequest view = this.judge.isWitnessed() ? witnessed(httpRequest, errorDispatch) : null;
        if (view != null) {
            if (view.isShadow()) {
                // The witness compares what the filter it watched, and the rest of the chain, answered.
                pass(view, httpRequest, httpResponse, chain);
                return;
            }
        }
        else {
            view = new ServletCorsRequest(httpRequest);
            this.judge.judge(view, errorDispatch, logger);
            if (this.judge.isWitnessed() && !errorDispatch) {
                // A watched filter that runs after this one finds the request judged, and judges nothing again.
                httpRequest.setAttribute(JUDGED_ATTRIBUTE, view);
            }
        }
        CorsDecision decision = view.decision();
        if (decision == null) {
            pass(view, httpRequest, httpResponse, chain);
            return;
        }
        if (decision.isShadow()) {
            if (decision.kind() == CorsDecision.Kind.NOT_CORS) {
                pass(view, httpRequest, httpResponse, chain);
            }
            else {
                shadow(httpRequest, httpResponse, chain, view, errorDispatch);
            }
            return;
        }
        String vary = decision.vary();
        int count = decision.headerCount();
        if (count > 0 && !errorDispatch && httpResponse.getHeaderNames().isEmpty()) {
            // A response with no header yet, as the front of the chain usually sees it: nothing to replace or merge,
            // so each header is added, without the scan of every header already written that setting one makes.
            for (int i = 0; i < count; i++) {
                httpResponse.addHeader(decision.headerName(i), decision.headerValue(i));
            }
            if (vary != null) {
                httpResponse.addHeader(CorsHeaders.VARY, vary);
            }
        }
        else {
            for (int i = 0; i < count; i++) {
                httpResponse.setHeader(decision.headerName(i), decision.headerValue(i));
            }
            if (vary != null) {
                mergeVary(httpResponse, vary);
            }
        }
        if (decision.refusal() != null) {
            String reason = this.judge.reasonHeader(view);
            if (reason != null) {
                httpResponse.setHeader(CorsProperties.REASON_HEADER, reason);
            }
        }
        if (decision.isAnswered() && !errorDispatch) {
            httpResponse.setStatus(decision.status());
            return;
        }
        if (decision.kind() == CorsDecision.Kind.WEBSOCKET) {
            httpRequest.setAttribute(ALLOWED_HANDSHAKE_ATTRIBUTE, Boolean.TRUE);
        }
        // A handler that sets a Vary of its own would drop the decision's tokens: the chain sees a response that
        // merges them back. Spring MVC's ResponseEntity merges by itself; a plain setHeader does not.
        pass(view, httpRequest, (vary != null) ? new VaryKeepingResponse(httpResponse, vary) : httpResponse, chain);
    }

    /** The judgement a witness made of this request, before the filter it watched, or {@code null}. */
    private static @Nullable ServletCorsRequest witnessed(HttpServletRequest request, boolean errorDispatch) {
        return (!errorDispatch && request.getAttribute(JUDGED_ATTRIBUTE) instanceof ServletCorsRequest judged)
                ? judged : null;
    }

    /**
     * Runs a filter that sorts before this one and may answer a request without passing it on (Spring's own
     * {@code CorsFilter}, registered at the highest precedence as guides show) under this filter's judgement, made
     * once, there, while a policy is compared (in shadow mode, or with a candidate): the response is compared
     * whatever that filter does, a preflight it answers or an origin it refuses included; the judgement then travels
     * on to this filter, which does not judge again. A filter that runs after this one is run as it is.
     *
     * @param watched the filter that runs before this one
     * @param request the request
     * @param response the response
     * @param chain the rest of the chain, this filter included
     * @throws IOException as the watched filter throws it
     * @throws ServletException as the watched filter throws it
     */
    void witness(Filter watched, ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest httpRequest)
                || !(response instanceof HttpServletResponse httpResponse)
                || httpRequest.getDispatcherType() == DispatcherType.ERROR
                || !this.judge.resolver().policies().isCompared()
                || httpRequest.getAttribute(JUDGED_ATTRIBUTE) != null) {
            watched.doFilter(request, response, chain);
            return;
        }
        this.judge.witnessed();
        ServletCorsRequest view = new ServletCorsRequest(httpRequest);
        this.judge.judge(view, false, logger);
        httpRequest.setAttribute(JUDGED_ATTRIBUTE, view);
        CorsDecision decision = view.decision();
        if (decision == null || !decision.isShadow() || decision.kind() == CorsDecision.Kind.NOT_CORS) {
            watched.doFilter(request, response, chain);
            return;
        }
        shadow(httpRequest, httpResponse, view, false, () -> watched.doFilter(request, response, chain));
    }

    /** Notes, before the server takes a request, that filters of the application's are watched ({@link #witness}). */
    void watching() {
        this.judge.witnessed();
    }

    /** Passes the request on, through the guards when there are. */
    private void pass(ServletCorsRequest view, HttpServletRequest request, HttpServletResponse response,
            FilterChain chain) throws IOException, ServletException {
        CorsServletGuard guard = this.guard;
        if (guard != null) {
            guard.filter(view, request, response, chain);
        }
        else {
            chain.doFilter(request, response);
        }
    }

    /**
     * Shadow mode: nothing is written and the request is passed on; once the response is final (after the chain, or
     * after the error dispatch of a request that failed, or when an async request completes), the judge compares it
     * with the decision.
     */
    private void shadow(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
            ServletCorsRequest view, boolean errorDispatch) throws IOException, ServletException {
        shadow(request, response, view, errorDispatch, () -> pass(view, request, response, chain));
    }

    /** What follows the judgement in shadow mode: the rest of the chain, or a watched filter ({@link #witness}). */
    @FunctionalInterface
    private interface Next {

        void run() throws IOException, ServletException;

    }

    private void shadow(HttpServletRequest request, HttpServletResponse response, ServletCorsRequest view,
            boolean errorDispatch, Next next) throws IOException, ServletException {
        if (errorDispatch) {
            next.run();
            if (request.getAttribute(SHADOW_PENDING_ATTRIBUTE) != null) {
                request.removeAttribute(SHADOW_PENDING_ATTRIBUTE);
                this.judge.compare(view, new ServletAnswer(response));
            }
            return;
        }
        boolean completed = false;
        try {
            next.run();
            completed = true;
        }
        finally {
            if (!completed) {
                // The error dispatch writes the response this request gets: it compares.
                request.setAttribute(SHADOW_PENDING_ATTRIBUTE, Boolean.TRUE);
            }
        }
        if (request.isAsyncStarted()) {
            request.getAsyncContext().addListener(new ShadowAsyncListener(view, response));
            return;
        }
        this.judge.compare(view, new ServletAnswer(response));
    }

    /** Compares an async request's response once it completes. */
    private final class ShadowAsyncListener implements AsyncListener {

        private final ServletCorsRequest view;

        private final HttpServletResponse response;

        ShadowAsyncListener(ServletCorsRequest view, HttpServletResponse response) {
            this.view = view;
            this.response = response;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            FetchCorsFilter.this.judge.compare(this.view, new ServletAnswer(this.response));
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }

    }

    /** The response as the application sent it, read as a browser's CORS checks read it. */
    private static final class ServletAnswer implements CorsAnswer {

        private final HttpServletResponse response;

        /** Whether {@code Access-Control-Allow-Origin} came on several lines: 0 not read yet, 1 no, 2 yes. */
        private int allowOriginRepeated;

        ServletAnswer(HttpServletResponse response) {
            this.response = response;
        }

        @Override
        public int status() {
            return this.response.getStatus();
        }

        @Override
        public @Nullable String header(String name) {
            return this.response.getHeader(name);
        }

        @Override
        public Iterable<String> headers(String name) {
            return this.response.getHeaders(name);
        }

        @Override
        public boolean isRepeated(String name) {
            if (!CorsHeaders.ACCESS_CONTROL_ALLOW_ORIGIN.equalsIgnoreCase(name)) {
                return this.response.getHeaders(name).size() > 1;
            }
            // The servlet API counts lines only through a collection it builds: read once per comparison.
            if (this.allowOriginRepeated == 0) {
                this.allowOriginRepeated = (this.response.getHeaders(name).size() > 1) ? 2 : 1;
            }
            return this.allowOriginRepeated == 2;
        }

    }

    private static void mergeVary(HttpServletResponse response, String tokens) {
        String first = response.getHeader(CorsHeaders.VARY);
        if (first == null) {
            response.setHeader(CorsHeaders.VARY, tokens);
            return;
        }
        String merged = (first.equals(tokens)) ? null
                : CorsDecision.mergeVary(response.getHeaders(CorsHeaders.VARY), tokens);
        if (merged != null) {
            response.setHeader(CorsHeaders.VARY, merged);
        }
    }

    /** The response the rest of the chain sees: a {@code Vary} it sets keeps the decision's tokens. */
    private static final class VaryKeepingResponse extends HttpServletResponseWrapper {

        private final String vary;

        VaryKeepingResponse(HttpServletResponse response, String vary) {
            super(response);
            this.vary = vary;
        }

        @Override
        public void setHeader(String name, String value) {
            super.setHeader(name, value);
            if (CorsHeaders.VARY.equalsIgnoreCase(name)) {
                mergeVary((HttpServletResponse) getResponse(), this.vary);
            }
        }

    }

    /**
     * The request as the engine and the resolver see it, reading headers in place and parsing the path lazily, and
     * the judgement made of it.
     */
    private static final class ServletCorsRequest extends JudgedRequest {

        private final HttpServletRequest request;

        private @Nullable RequestPath path;

        ServletCorsRequest(HttpServletRequest request) {
            this.request = request;
        }

        @Override
        public String method() {
            return this.request.getMethod();
        }

        @Override
        public @Nullable String header(String name) {
            return this.request.getHeader(name);
        }

        @Override
        public Iterable<String> headers(String name) {
            return () -> {
                Enumeration<String> values = this.request.getHeaders(name);
                return (values != null) ? values.asIterator() : Collections.emptyIterator();
            };
        }

        @Override
        public boolean isRepeated(String name) {
            Enumeration<String> values = this.request.getHeaders(name);
            if (values == null || !values.hasMoreElements()) {
                return false;
            }
            values.nextElement();
            return values.hasMoreElements();
        }

        @Override
        public String targetOrigin() {
            // As Spring's own same-origin check reads it: the scheme, host and port the container reports, after
            // whatever forwarded headers the application trusts (ForwardedHeaderFilter, Tomcat's RemoteIpValve).
            String host = this.request.getServerName();
            if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
                host = "[" + host + "]";
            }
            return this.request.getScheme() + "://" + host + ":" + this.request.getServerPort();
        }

        // The same, piece by piece, for a comparison that builds no string.

        @Override
        public String targetScheme() {
            return this.request.getScheme();
        }

        @Override
        public String targetHost() {
            return this.request.getServerName();
        }

        @Override
        public int targetPort() {
            return this.request.getServerPort();
        }

        @Override
        public RequestPath path() {
            RequestPath path = this.path;
            if (path == null) {
                path = ServletRoutes.of(this.request);
                this.path = path;
            }
            return path;
        }

    }

}
