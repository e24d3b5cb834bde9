package dev.fetchcors.samples.webflux;

import dev.fetchcors.samples.page.ExchangeJournal;
import dev.fetchcors.samples.page.SamplePage;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Records each API request and the CORS headers of its response in the {@link ExchangeJournal}. Outermost, so
 * that it sees the preflights the CORS filter answers without calling the application.
 */
class ExchangeRecordingWebFilter implements WebFilter, Ordered {

    private final ExchangeJournal journal;

    ExchangeRecordingWebFilter(ExchangeJournal journal) {
        this.journal = journal;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().value();
        if (!path.startsWith(SamplePage.API_PATH_PREFIX)) {
            return chain.filter(exchange);
        }
        long id = this.journal.begin(request.getMethod().name(), path, request.getHeaders()::getFirst);
        ServerHttpResponse response = exchange.getResponse();
        // Before the commit, so the entry is complete by the time the browser has the response.
        response.beforeCommit(() -> {
            HttpStatusCode status = response.getStatusCode();
            this.journal.complete(id, (status != null) ? status.value() : 200, response.getHeaders()::getFirst);
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

}
