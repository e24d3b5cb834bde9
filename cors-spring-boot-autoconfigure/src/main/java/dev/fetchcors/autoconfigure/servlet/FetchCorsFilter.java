package dev.fetchcors.autoconfigure.servlet;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;

import dev.fetchcors.autoconfigure.CorsDecisionObserver;
import dev.fetchcors.autoconfigure.CorsPolicyResolver;
import dev.fetchcors.core.CorsDecision;
import dev.fetchcors.core.CorsPolicy;
import dev.fetchcors.core.CorsRequest;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.util.Assert;

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
 * error dispatch writes nothing twice.
 */
public final class FetchCorsFilter implements Filter, Ordered {

    /**
     * After Spring Boot's observation filter ({@code HIGHEST_PRECEDENCE + 1}), so refused requests are observed,
     * and before Spring Security's filter chain (-100), so preflights never meet authentication.
     */
    public static final int DEFAULT_ORDER = -110;

    private static final Log logger = LogFactory.getLog(FetchCorsFilter.class);

    private static final String VARY = "Vary";

    private final CorsPolicyResolver resolver;

    private final @Nullable CorsDecisionObserver observer;

    private @Nullable String contextPath;

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
        Assert.notNull(resolver, "'resolver' must not be null");
        this.resolver = resolver;
        this.observer = observer;
    }

    @Override
    public void init(FilterConfig filterConfig) {
        this.contextPath = filterConfig.getServletContext().getContextPath();
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
        String path = path(httpRequest);
        CorsPolicy policy = this.resolver.resolve(path, view);
        if (policy == null) {
            chain.doFilter(request, response);
            return;
        }
        CorsDecision decision = policy.evaluate(view);
        if (this.observer != null && httpRequest.getDispatcherType() != DispatcherType.ERROR) {
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
            logger.debug("Refused CORS " + decision.kind() + " " + httpRequest.getMethod() + " " + path + ": "
                    + decision.reason());
        }
        if (decision.isAnswered() && httpRequest.getDispatcherType() != DispatcherType.ERROR) {
            httpResponse.setStatus(decision.status());
            return;
        }
        chain.doFilter(request, response);
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

    private String path(HttpServletRequest request) {
        String uri = null;
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            // The policy of the request that failed, not of the error page.
            uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        }
        if (uri == null) {
            uri = request.getRequestURI();
        }
        String contextPath = this.contextPath;
        if (contextPath == null) {
            contextPath = request.getContextPath();
        }
        if (!contextPath.isEmpty() && uri.startsWith(contextPath)) {
            uri = uri.substring(contextPath.length());
        }
        return normalize(uri);
    }

    /**
     * The request URI as the servlet container maps it: path parameters ({@code ;jsessionid=...}) removed and dot
     * segments ({@code .}, {@code ..}, {@code %2e}) resolved. The raw URI would let {@code /public/..;/account},
     * which the container serves as {@code /account}, pick the policy of {@code /public/**}.
     */
    static String normalize(String uri) {
        if (uri.indexOf(';') < 0 && uri.indexOf("/.") < 0 && uri.indexOf('%') < 0) {
            return uri;
        }
        String[] segments = uri.split("/", -1);
        Deque<String> kept = new ArrayDeque<>(segments.length);
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            int parameters = segment.indexOf(';');
            if (parameters >= 0) {
                segment = segment.substring(0, parameters);
            }
            String dots = segment.replace("%2e", ".").replace("%2E", ".");
            boolean last = i == segments.length - 1;
            if (dots.equals(".") || dots.equals("..")) {
                if (dots.equals("..") && !kept.isEmpty()) {
                    kept.removeLast();
                }
                if (last) {
                    kept.addLast("");
                }
                continue;
            }
            kept.addLast(segment);
        }
        return "/" + String.join("/", kept);
    }

    /** The request as the engine sees it, reading headers in place. */
    private static final class ServletCorsRequest implements CorsRequest {

        private final HttpServletRequest request;

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
                var values = this.request.getHeaders(name);
                return (values != null) ? values.asIterator() : Collections.emptyIterator();
            };
        }

    }

}
