package dev.fetchcors.autoconfigure.servlet;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.fetchcors.autoconfigure.judge.CorsRoutes;
import dev.fetchcors.autoconfigure.web.ServedPaths;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.util.ClassUtils;
import org.springframework.web.context.ServletContextAware;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.UriUtils;

/**
 * The path a request is routed on, on the servlet stack: for the {@code DispatcherServlet}, the path its handler
 * mappings match (within its servlet mapping, as {@link ServletRequestPathUtils} parses it, so under
 * {@code spring.mvc.servlet.path=/api} the path after {@code /api}); for any other servlet (an H2 console, Jersey,
 * one the application registers), the path the container served within the application (its servlet path and path
 * info: path parameters removed, dot segments resolved), which no servlet mapping shortens. An error
 * dispatch is routed as the request that failed was. The actuator's check routes a described path the same way,
 * mapping it to a servlet as the container would.
 */
final class ServletRoutes implements CorsRoutes, ServletContextAware {

    /** The request attribute holding the path a request was routed on, for its error dispatch. */
    static final String PATH_ATTRIBUTE = ServletRoutes.class.getName() + ".path";

    private static final String DISPATCHER_SERVLET = "org.springframework.web.servlet.DispatcherServlet";

    /** By servlet class name: whether it is a {@code DispatcherServlet}. Servlet classes are few and fixed. */
    private static final Map<String, Boolean> dispatcherServlets = new ConcurrentHashMap<>();

    private @Nullable ServletContext servletContext;

    @Override
    public void setServletContext(ServletContext servletContext) {
        this.servletContext = servletContext;
    }

    /**
     * The path a received request is routed on; the request is left as it was (the {@code DispatcherServlet} parses
     * and caches its own).
     *
     * @param request the request
     * @return its path
     */
    static RequestPath of(HttpServletRequest request) {
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            // The policy of the request that failed, routed as it was, not that of the error page.
            if (request.getAttribute(PATH_ATTRIBUTE) instanceof RequestPath failed) {
                return failed;
            }
            if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
                return RequestPath.parse(uri, request.getContextPath());
            }
        }
        RequestPath path;
        HttpServletMapping mapping = request.getHttpServletMapping();
        if (mapping != null && mapping.getMappingMatch() != null
                && isOtherServlet(request.getServletContext(), mapping.getServletName())) {
            // The path the container served, as the servlet sees it: path parameters removed, dot segments resolved,
            // empty segments merged. The URI as sent ("/public/..;/console") would select the policy of a path the
            // servlet does not serve.
            path = served(request);
        }
        else if (ServletRequestPathUtils.hasParsedRequestPath(request)) {
            path = ServletRequestPathUtils.getParsedRequestPath(request);
        }
        else {
            try {
                // Parsed exactly as the DispatcherServlet will parse it for its handler mappings.
                path = ServletRequestPathUtils.parseAndCache(request);
                ServletRequestPathUtils.clearParsedRequestPath(request);
            }
            catch (IllegalArgumentException ex) {
                // A URI that does not start with the servlet path the container resolved (dot segments before it):
                // the path the container served.
                path = served(request);
            }
        }
        if (request.getDispatcherType() == DispatcherType.REQUEST) {
            request.setAttribute(PATH_ATTRIBUTE, path);
        }
        return path;
    }

    private static RequestPath served(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        String served = ((servletPath != null) ? servletPath : "") + ((pathInfo != null) ? pathInfo : "");
        return RequestPath.parse(served.isEmpty() ? "/" : UriUtils.encodePath(served, StandardCharsets.UTF_8), null);
    }

    @Override
    public RequestPath route(String pathWithinApplication) {
        ServletContext context = this.servletContext;
        if (context == null) {
            return RequestPath.parse(pathWithinApplication, null);
        }
        // What the container matches its servlet mappings against: decoded, parameters removed, dot segments resolved.
        String decoded = ServedPaths.decoded(PathContainer.parsePath(pathWithinApplication));
        String bestServlet = null;
        String bestPrefix = null;
        int bestRank = -1;
        for (ServletRegistration registration : context.getServletRegistrations().values()) {
            for (String pattern : mappings(registration)) {
                // Servlet specification, 12.1: exact, then the longest path prefix, then extension, then default.
                int rank = -1;
                String prefix = null;
                if (pattern.equals(decoded) || (pattern.isEmpty() && decoded.equals("/"))) {
                    rank = Integer.MAX_VALUE;
                }
                else if (pattern.endsWith("/*")) {
                    String candidate = pattern.substring(0, pattern.length() - 2);
                    if (decoded.equals(candidate) || decoded.startsWith(candidate + "/")) {
                        rank = 2 + candidate.length();
                        prefix = candidate;
                    }
                }
                else if (pattern.startsWith("*.") && decoded.substring(decoded.lastIndexOf('/') + 1)
                    .endsWith(pattern.substring(1))) {
                    rank = 1;
                }
                else if (pattern.equals("/")) {
                    rank = 0;
                }
                if (rank > bestRank) {
                    bestRank = rank;
                    bestServlet = registration.getClassName();
                    bestPrefix = prefix;
                }
            }
        }
        if (bestServlet != null && !isDispatcherServlet(bestServlet)) {
            // Another servlet is routed on the path the container serves, as a received request is (see of).
            return RequestPath.parse(UriUtils.encodePath(decoded, StandardCharsets.UTF_8), null);
        }
        String prefix = (bestPrefix != null) ? UriUtils.encodePath(bestPrefix, StandardCharsets.UTF_8) : "";
        if (!prefix.isEmpty() && pathWithinApplication.startsWith(prefix)) {
            return RequestPath.parse(pathWithinApplication, prefix);
        }
        return RequestPath.parse(pathWithinApplication, null);
    }

    private static Collection<String> mappings(ServletRegistration registration) {
        Collection<String> mappings = registration.getMappings();
        return (mappings != null) ? mappings : List.of();
    }

    /** Whether the named servlet is registered, and is not a {@code DispatcherServlet}. */
    private static boolean isOtherServlet(ServletContext context, String servletName) {
        ServletRegistration registration = context.getServletRegistration(servletName);
        return registration != null && registration.getClassName() != null
                && !isDispatcherServlet(registration.getClassName());
    }

    private static boolean isDispatcherServlet(String className) {
        return dispatcherServlets.computeIfAbsent(className, (name) -> {
            // By name: Spring MVC is optional, and without it no servlet is a DispatcherServlet.
            ClassLoader classLoader = ServletRoutes.class.getClassLoader();
            if (!ClassUtils.isPresent(DISPATCHER_SERVLET, classLoader)) {
                return false;
            }
            try {
                return ClassUtils.forName(DISPATCHER_SERVLET, classLoader)
                    .isAssignableFrom(ClassUtils.forName(name, classLoader));
            }
            catch (ClassNotFoundException | LinkageError ex) {
                return false;
            }
        });
    }

}
