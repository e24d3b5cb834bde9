package dev.fetchcors.autoconfigure.servlet;

import java.io.IOException;
import java.util.List;

import dev.fetchcors.autoconfigure.judge.JudgedRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * What a feature that only some applications have (a gateway's sole CORS ownership, the SockJS endpoints' guard)
 * does on the servlet stack once the {@link FetchCorsFilter} has judged a request and written its decision: it reads
 * the judgement, never makes one, and passes the request on through the chain, or answers it itself. The filter
 * runs every guard bean, in order, on every request it passes on (a request no policy covers too), so a guard that
 * has nothing to do costs a method call.
 *
 * <pre>{@code
 * CorsServletGuard guard = (judged, request, response, chain) -> {
 *     if (judged.isShadow()) {      // shadow mode: change nothing
 *         chain.doFilter(request, response);
 *         return;
 *     }
 *     chain.doFilter(request, new OwnedResponse(response));
 * };
 * }</pre>
 */
@FunctionalInterface
public interface CorsServletGuard {

    /**
     * Passes a judged request on, or answers it.
     *
     * @param judged the request as judged, with the policy and its decision ({@code null} when left alone)
     * @param request the request
     * @param response the response, with the decision's headers written
     * @param chain the rest of the filter chain
     * @throws IOException as the chain throws it
     * @throws ServletException as the chain throws it
     */
    void filter(JudgedRequest judged, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException;

    /**
     * One guard that runs the given ones in turn, each passing the request on to the next.
     *
     * @param guards the guards, in order
     * @return the guard, or {@code null} when there is none
     */
    static @Nullable CorsServletGuard combine(List<CorsServletGuard> guards) {
        if (guards.isEmpty()) {
            return null;
        }
        if (guards.size() == 1) {
            return guards.get(0);
        }
        CorsServletGuard first = guards.get(0);
        CorsServletGuard rest = combine(guards.subList(1, guards.size()));
        return (judged, request, response, chain) -> first.filter(judged, request, response,
                (nextRequest, nextResponse) -> rest.filter(judged, (HttpServletRequest) nextRequest,
                        (HttpServletResponse) nextResponse, chain));
    }

}
