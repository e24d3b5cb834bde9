package dev.fetchcors.samples.mvc;

import java.io.IOException;

import dev.fetchcors.samples.page.ExchangeJournal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Records each API request and the CORS headers of its response in the {@link ExchangeJournal}. */
class ExchangeRecordingFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private final transient ExchangeJournal journal;

    ExchangeRecordingFilter(ExchangeJournal journal) {
        this.journal = journal;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long id = this.journal.begin(request.getMethod(), request.getRequestURI(), request::getHeader);
        try {
            chain.doFilter(request, response);
        }
        finally {
            this.journal.complete(id, response.getStatus(), response::getHeader);
        }
    }

}
