package dev.fetchcors.autoconfigure.gateway;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.fetchcors.autoconfigure.gateway.SoleCorsOwner.Snapshot;
import dev.fetchcors.autoconfigure.judge.JudgedRequest;
import dev.fetchcors.autoconfigure.servlet.CorsServletGuard;
import dev.fetchcors.autoconfigure.servlet.FetchCorsFilter;
import dev.fetchcors.core.CorsHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * The servlet side of {@link SoleCorsOwner}, a guard the {@link FetchCorsFilter} runs once it has written the
 * policy's headers: everything further down the chain (the gateway's filters, the service's response it copies) sees
 * a response on which every {@code Access-Control-*} header it writes is dropped, every {@code Vary} is merged into
 * one line that keeps the policy's tokens, and a reset brings the policy's headers back.
 */
final class SoleCorsOwnerFilter implements CorsServletGuard {

    private final SoleCorsOwner<HttpServletRequest> owner;

    SoleCorsOwnerFilter(SoleCorsOwner<HttpServletRequest> owner) {
        this.owner = owner;
    }

    @Override
    public void filter(JudgedRequest judged, HttpServletRequest request, HttpServletResponse response,
            FilterChain chain) throws IOException, ServletException {
        if (judged.isShadow()) {
            // Shadow mode: the gateway's own CORS (globalcors, the services') answers, untouched.
            chain.doFilter(request, response);
            return;
        }
        String ambiguity = this.owner.ambiguity(judged);
        if (ambiguity != null) {
            // Never forwarded: the answer is the gateway's own, without the CORS headers of a policy it is not under.
            response.reset();
            response.setHeader(CorsHeaders.VARY, CorsHeaders.ORIGIN);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write(ambiguity);
            return;
        }
        OwnedResponse owned = new OwnedResponse(response, Snapshot.of(response::getHeader));
        try {
            chain.doFilter(request, owned);
        }
        finally {
            this.owner.removed(request, owned.removed);
        }
    }

    /**
     * The response as the rest of the chain sees it: CORS headers written by anything else are dropped, {@code Vary}
     * stays one line that keeps the policy's tokens, and a reset response gets the policy's headers back.
     */
    private static final class OwnedResponse extends HttpServletResponseWrapper {

        private final Snapshot snapshot;

        final Set<String> removed = new LinkedHashSet<>(2);

        OwnedResponse(HttpServletResponse response, Snapshot snapshot) {
            super(response);
            this.snapshot = snapshot;
        }

        private HttpServletResponse owner() {
            return (HttpServletResponse) getResponse();
        }

        /** Whether a write to this header is the starter's alone, noting it as removed when it is. */
        private boolean isOwned(String name) {
            if (CorsHeaders.isResponseHeader(name)) {
                this.removed.add(name);
                return true;
            }
            return false;
        }

        @Override
        public void setHeader(String name, String value) {
            if (CorsHeaders.VARY.equalsIgnoreCase(name)) {
                setVary((value != null) ? List.of(value) : List.of());
            }
            else if (!isOwned(name)) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (CorsHeaders.VARY.equalsIgnoreCase(name)) {
                List<String> lines = new ArrayList<>(owner().getHeaders(CorsHeaders.VARY));
                lines.add(value);
                setVary(lines);
            }
            else if (!isOwned(name)) {
                super.addHeader(name, value);
            }
        }

        private void setVary(List<String> lines) {
            String vary = this.snapshot.oneVary(lines);
            if (vary != null) {
                owner().setHeader(CorsHeaders.VARY, vary);
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
            for (Map.Entry<String, String> header : this.snapshot.headers().entrySet()) {
                response.setHeader(header.getKey(), header.getValue());
            }
            setVary(List.of());
        }

    }

}
