package dev.fetchcors.autoconfigure.servlet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import dev.fetchcors.autoconfigure.CorsDecisionObserver;
import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.autoconfigure.NamedCorsPolicy;
import dev.fetchcors.autoconfigure.ServerCorsRequest;
import dev.fetchcors.autoconfigure.SoleCorsOwner;
import dev.fetchcors.core.CorsDecision;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
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
 * The servlet adapter: asks the {@link CorsPolicyResolver} for the request's policy, lets the policy decide, and
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
 * error dispatch writes nothing twice. The path that selects a per-path policy is the one Spring MVC's handler
 * mappings match: the request URI parsed as {@link ServletRequestPathUtils} parses it, never normalised a second
 * way, so that {@code /public/..;/account} cannot borrow the policy of {@code /public/**} while a catch-all
 * handler serves it.
 */
public final class FetchCorsFilter implements Filter, Ordered {

    /**
     * After Spring Boot's observation filter ({@code HIGHEST_PRECEDENCE + 1}), so refused requests are observed,
     * and before Spring Security's filter chain (-100), so preflights never meet authentication.
     */
    public static final int DEFAULT_ORDER = -110;

    /**
     * The request attribute, {@code Boolean.TRUE}, on a WebSocket handshake whose origin the policy allowed; Spring
     * MVC's WebSocket origin check then lets it through (see {@code CorsWebSocketAutoConfiguration}).
     */
    public static final String ALLOWED_HANDSHAKE_ATTRIBUTE = FetchCorsFilter.class.getName() + ".allowedHandshake";

    private static final Log logger = LogFactory.getLog(FetchCorsFilter.class);

    private static final String VARY = "Vary";

    private final CorsPolicyResolver resolver;

    private final @Nullable CorsDecisionObserver observer;

    private final @Nullable SoleCorsOwner soleOwner;

    private final Function<HttpServletRequest, @Nullable String> routeOf;

    /**
     * A filter over the given resolver.
     *
     * @param resolver picks the policy for each request
     */
    public FetchCorsFilter(CorsPolicyResolver resolver) {
        this(resolver, null);
    }

    /**
     * A filter over the given resolver that reports each decision.
     *
     * @param resolver picks the policy for each request
     * @param observer told about each decision, or {@code null}
     */
    public FetchCorsFilter(CorsPolicyResolver resolver, @Nullable CorsDecisionObserver observer) {
        this(resolver, observer, null, (request) -> null);
    }

    private FetchCorsFilter(CorsPolicyResolver resolver, @Nullable CorsDecisionObserver observer,
            @Nullable SoleCorsOwner soleOwner, Function<HttpServletRequest, @Nullable String> routeOf) {
        Assert.notNull(resolver, "'resolver' must not be null");
        Assert.notNull(routeOf, "'routeOf' must not be null");
        this.resolver = resolver;
        this.observer = observer;
        this.soleOwner = soleOwner;
        this.routeOf = routeOf;
    }

    /**
     * A filter that is the only writer of CORS headers, as in an API gateway: the rest of the chain sees a
     * response on which every {@code Access-Control-*} header it writes (a service's, copied by the gateway; a
     * gateway filter's) is dropped and every {@code Vary} merged into one line; requests that no policy covers get
     * {@link SoleCorsOwner#NONE}; and a WARN names each route whose responses carried CORS headers, once.
     *
     * @param resolver picks the policy for each request
     * @param observer told about each decision, or {@code null}
     * @param routeOf the id of the route a request took (read after the chain ran), or {@code null}, for the WARN
     * @return the filter
     */
    public static FetchCorsFilter soleOwner(CorsPolicyResolver resolver, @Nullable CorsDecisionObserver observer,
            Function<HttpServletRequest, @Nullable String> routeOf) {
        return new FetchCorsFilter(resolver, observer, new SoleCorsOwner(), routeOf);
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
        ServletCorsRequest view = new ServletCorsRequest(httpRequest);
        NamedCorsPolicy policy = this.resolver.resolve(view);
        if (policy == null) {
            if (this.soleOwner == null) {
                chain.doFilter(request, response);
                return;
            }
            policy = SoleCorsOwner.NONE;
        }
        CorsDecision decision = policy.policy().evaluate(view);
        boolean errorDispatch = httpRequest.getDispatcherType() == DispatcherType.ERROR;
        if (this.observer != null && !errorDispatch) {
            this.observer.observe(decision);
        }
        for (int i = 0; i < decision.headerCount(); i++) {
            httpResponse.setHeader(decision.headerName(i), decision.headerValue(i));
        }
        String vary = decision.vary();
        if (vary != null) {
            mergeVary(httpResponse, vary);
        }
        if (decision.refusal() != null && logger.isDebugEnabled()) {
            // The reason names the offending request value, made safe for a log line; the raw Origin never is.
            logger.debug("Refused CORS " + decision.kind() + " " + httpRequest.getMethod() + " "
                    + view.path().value() + " (policy '" + policy.name() + "'): " + decision.reason(view));
        }
        if (decision.isAnswered() && !errorDispatch) {
            httpResponse.setStatus(decision.status());
            return;
        }
        if (decision.kind() == CorsDecision.Kind.WEBSOCKET) {
            httpRequest.setAttribute(ALLOWED_HANDSHAKE_ATTRIBUTE, Boolean.TRUE);
        }
        SoleCorsOwner soleOwner = this.soleOwner;
        if (soleOwner == null) {
            // A handler that sets a Vary of its own would drop the decision's tokens: the chain sees a response
            // that merges them back. Spring MVC's ResponseEntity merges by itself; a plain setHeader does not.
            chain.doFilter(request, (vary != null) ? new VaryKeepingResponse(httpResponse, vary) : response);
            return;
        }
        SoleOwnerResponse owned = new SoleOwnerResponse(httpResponse, decision);
        try {
            chain.doFilter(request, owned);
        }
        finally {
            soleOwner.removed(this.routeOf.apply(httpRequest), owned.removed);
        }
    }

    private static void mergeVary(HttpServletResponse response, String tokens) {
        String first = response.getHeader(VARY);
        if (first == null) {
            response.setHeader(VARY, tokens);
            return;
        }
        String merged = (first.equals(tokens)) ? null
                : CorsDecision.mergeVary(response.getHeaders(VARY), tokens);
        if (merged != null) {
            response.setHeader(VARY, merged);
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
            if (VARY.equalsIgnoreCase(name)) {
                mergeVary((HttpServletResponse) getResponse(), this.vary);
            }
        }

    }

    /**
     * The response as the rest of the chain sees it when the filter is the sole CORS owner: CORS headers written
     * by anything else are dropped, {@code Vary} stays one line that keeps the decision's tokens, and a reset
     * response gets the decision's headers back.
     */
    private static final class SoleOwnerResponse extends HttpServletResponseWrapper {

        private final CorsDecision decision;

        final Set<String> removed = new LinkedHashSet<>(2);

        SoleOwnerResponse(HttpServletResponse response, CorsDecision decision) {
            super(response);
            this.decision = decision;
        }

        private HttpServletResponse owner() {
            return (HttpServletResponse) getResponse();
        }

        /** Whether a write to this header is the starter's alone, noting it as removed when it is. */
        private boolean isOwned(String name) {
            if (SoleCorsOwner.isCorsHeader(name)) {
                this.removed.add(name);
                return true;
            }
            return false;
        }

        @Override
        public void setHeader(String name, String value) {
            if (VARY.equalsIgnoreCase(name)) {
                setVary((value != null) ? List.of(value) : List.of());
            }
            else if (!isOwned(name)) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (VARY.equalsIgnoreCase(name)) {
                List<String> lines = new ArrayList<>(owner().getHeaders(VARY));
                lines.add(value);
                setVary(lines);
            }
            else if (!isOwned(name)) {
                super.addHeader(name, value);
            }
        }

        private void setVary(List<String> lines) {
            String vary = SoleCorsOwner.oneVary(lines, this.decision.vary());
            if (vary != null) {
                owner().setHeader(VARY, vary);
            }
        }

        @Override
        public void setIntHeader(String name, int value) {
            if (!isOwned(name)) {
                super.setIntHeader(name, value);
            }
        }

        @Override
        public void addIntHeader(String name, int value) {
            if (!isOwned(name)) {
                super.addIntHeader(name, value);
            }
        }

        @Override
        public void setDateHeader(String name, long date) {
            if (!isOwned(name)) {
                super.setDateHeader(name, date);
            }
        }

        @Override
        public void addDateHeader(String name, long date) {
            if (!isOwned(name)) {
                super.addDateHeader(name, date);
            }
        }

        @Override
        public void reset() {
            super.reset();
            HttpServletResponse response = owner();
            for (int i = 0; i < this.decision.headerCount(); i++) {
                response.setHeader(this.decision.headerName(i), this.decision.headerValue(i));
            }
            setVary(List.of());
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
        public RequestPath path() {
            RequestPath path = this.path;
            if (path == null) {
                path = parsePath(this.request);
                this.path = path;
            }
            return path;
        }

        private static RequestPath parsePath(HttpServletRequest request) {
            if (request.getDispatcherType() == DispatcherType.ERROR) {
                // The policy of the request that failed, not that of the error page.
                Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
                if (failed instanceof String uri) {
                    return RequestPath.parse(uri, request.getContextPath());
                }
            }
            if (ServletRequestPathUtils.hasParsedRequestPath(request)) {
                return ServletRequestPathUtils.getParsedRequestPath(request);
            }
            // Parsed exactly as the DispatcherServlet will parse it for its handler mappings; the request is left
            // as it was, since the DispatcherServlet parses and caches its own.
            RequestPath path = ServletRequestPathUtils.parseAndCache(request);
            ServletRequestPathUtils.clearParsedRequestPath(request);
            return path;
        }

    }

}
