package dev.fetchcors.autoconfigure.servlet;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.ServerCorsRequest;
import dev.fetchcors.autoconfigure.web.CorsAdapter;
import dev.fetchcors.autoconfigure.web.CorsStep;
import dev.fetchcors.autoconfigure.web.CorsStep.Uncovered;
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
import org.springframework.http.server.RequestPath;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The servlet adapter: reads the request for the {@link CorsStep} that decides (the one both adapters share), and
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
 * error dispatch writes nothing twice. The path that selects a per-path policy is the one the request is routed
 * on ({@link ServletRoutes}): for the {@code DispatcherServlet}, the request URI parsed as
 * {@link ServletRequestPathUtils} parses it, never normalised a second way, so that {@code /public/..;/account}
 * cannot borrow the policy of {@code /public/**} while a catch-all handler serves it; for other servlets, the path
 * within the application; for an error dispatch, the path of the request that failed.
 *
 * <p>A decision in shadow mode ({@link CorsDecision#isShadow()}) writes nothing and answers nothing: the request is
 * passed on as if the filter were not there, and the response, once final, is compared with the decision
 * ({@link CorsStep#compare}).
 */
public final class FetchCorsFilter extends CorsAdapter implements Filter {

    /**
     * The request attribute, {@code Boolean.TRUE}, on a WebSocket handshake whose origin the policy allowed; Spring
     * MVC's WebSocket origin check then lets it through (see {@code CorsWebSocketAutoConfiguration}).
     */
    public static final String ALLOWED_HANDSHAKE_ATTRIBUTE = FetchCorsFilter.class.getName() + ".allowedHandshake";

    /** Set on a request in shadow mode that failed, so that its error dispatch compares the response. */
    private static final String SHADOW_PENDING_ATTRIBUTE = FetchCorsFilter.class.getName() + ".shadowPending";

    private static final Log logger = LogFactory.getLog(FetchCorsFilter.class);

    /**
     * A filter over the given resolver, to register with {@link CorsServletAutoConfiguration#registration}.
     *
     * @param resolver picks the policy for each request
     */
    public FetchCorsFilter(CorsPolicyResolver resolver) {
        this(new CorsStep(resolver, null, Uncovered.SAME_ORIGIN_SOCKETS));
    }

    /**
     * A filter over a step of your making (an observer told of each decision, a fallback policy for requests no
     * policy covers), as the servlet and the gateway auto-configurations build theirs; its refusals are explained
     * at DEBUG under {@code dev.fetchcors.autoconfigure.servlet.FetchCorsFilter}.
     *
     * @param step the decision step
     */
    public FetchCorsFilter(CorsStep step) {
        super(step, logger);
    }

    /**
     * The request as the engine and a {@link CorsPolicyResolver} see it in this filter: headers read in place, the
     * path parsed as Spring MVC's handler mappings parse it.
     *
     * @param request the request
     * @return a view of it
     */
    public static ServerCorsRequest requestView(HttpServletRequest request) {
        return new ServletCorsRequest(request);
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
        ServletCorsRequest view = new ServletCorsRequest(httpRequest);
        CorsDecision decision = this.step.decide(view, errorDispatch);
        if (decision == null) {
            chain.doFilter(request, response);
            return;
        }
        if (decision.isShadow()) {
            if (decision.kind() == CorsDecision.Kind.NOT_CORS) {
                chain.doFilter(request, response);
            }
            else {
                shadow(httpRequest, httpResponse, chain, view, decision, errorDispatch);
            }
            return;
        }
        for (int i = 0; i < decision.headerCount(); i++) {
            httpResponse.setHeader(decision.headerName(i), decision.headerValue(i));
        }
        String vary = decision.vary();
        if (vary != null) {
            mergeVary(httpResponse, vary);
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
        chain.doFilter(request, (vary != null) ? new VaryKeepingResponse(httpResponse, vary) : response);
    }

    /**
     * Shadow mode: nothing is written and the request is passed on; once the response is final (after the chain, or
     * after the error dispatch of a request that failed, or when an async request completes), the step compares it
     * with the decision.
     */
    private void shadow(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
            ServletCorsRequest view, CorsDecision decision, boolean errorDispatch)
            throws IOException, ServletException {
        if (errorDispatch) {
            chain.doFilter(request, response);
            if (request.getAttribute(SHADOW_PENDING_ATTRIBUTE) != null) {
                request.removeAttribute(SHADOW_PENDING_ATTRIBUTE);
                this.step.compare(view, new ServletAnswer(response), decision);
            }
            return;
        }
        boolean completed = false;
        try {
            chain.doFilter(request, response);
            completed = true;
        }
        finally {
            if (!completed) {
                // The error dispatch writes the response this request gets: it compares.
                request.setAttribute(SHADOW_PENDING_ATTRIBUTE, Boolean.TRUE);
            }
        }
        if (request.isAsyncStarted()) {
            request.getAsyncContext().addListener(new ShadowAsyncListener(view, decision, response));
            return;
        }
        this.step.compare(view, new ServletAnswer(response), decision);
    }

    /** Compares an async request's response once it completes. */
    private final class ShadowAsyncListener implements AsyncListener {

        private final ServletCorsRequest view;

        private final CorsDecision decision;

        private final HttpServletResponse response;

        ShadowAsyncListener(ServletCorsRequest view, CorsDecision decision, HttpServletResponse response) {
            this.view = view;
            this.decision = decision;
            this.response = response;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            FetchCorsFilter.this.step.compare(this.view, new ServletAnswer(this.response), this.decision);
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

    /** The request as the engine and the resolver see it, reading headers in place and parsing the path lazily. */
    private static final class ServletCorsRequest implements ServerCorsRequest {

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
