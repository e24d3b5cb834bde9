package dev.fetchcors.samples.page;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The API requests the server received, so the page (and the browser tests) can show what really reached it:
 * a preflight the browser sent, or the request it never sent at all. Each sample records into it from a filter
 * that runs before the CORS filter and therefore sees the preflights the CORS filter answers.
 */
public final class ExchangeJournal {

    /** The response headers worth showing: the CORS ones and Vary. */
    static final List<String> CORS_RESPONSE_HEADERS = List.of("Access-Control-Allow-Origin",
            "Access-Control-Allow-Credentials", "Access-Control-Allow-Methods", "Access-Control-Allow-Headers",
            "Access-Control-Expose-Headers", "Access-Control-Max-Age", "Vary");

    private static final int CAPACITY = 200;

    private final Map<Long, Exchange> exchanges = new LinkedHashMap<>();

    private long lastId;

    /**
     * One request and, once complete, its response.
     *
     * @param id increasing, from 1
     * @param method the request method
     * @param path the request path
     * @param origin the {@code Origin} header, or {@code null}
     * @param accessControlRequestMethod the {@code Access-Control-Request-Method} header, or {@code null}
     * @param accessControlRequestHeaders the {@code Access-Control-Request-Headers} header, or {@code null}
     * @param preflight whether it is a CORS preflight: OPTIONS with Origin and Access-Control-Request-Method
     * @param status the response status, 0 while the exchange is under way
     * @param corsResponseHeaders the CORS response headers that were present, by name
     */
    public record Exchange(long id, String method, String path, String origin, String accessControlRequestMethod,
            String accessControlRequestHeaders, boolean preflight, int status,
            Map<String, String> corsResponseHeaders) {
    }

    /**
     * Records a request as it arrives.
     *
     * @param requestHeader reads a request header by name, {@code null} when absent
     * @return the id to {@link #complete} it with
     */
    public synchronized long begin(String method, String path, UnaryOperator<String> requestHeader) {
        long id = ++this.lastId;
        String origin = requestHeader.apply("Origin");
        String requestMethod = requestHeader.apply("Access-Control-Request-Method");
        boolean preflight = "OPTIONS".equals(method) && origin != null && requestMethod != null;
        this.exchanges.put(id, new Exchange(id, method, path, origin, requestMethod,
                requestHeader.apply("Access-Control-Request-Headers"), preflight, 0, Map.of()));
        if (this.exchanges.size() > CAPACITY) {
            this.exchanges.remove(this.exchanges.keySet().iterator().next());
        }
        return id;
    }

    /**
     * Records the response to a request {@link #begin begun} earlier.
     *
     * @param responseHeader reads a response header by name, {@code null} when absent
     */
    public synchronized void complete(long id, int status, UnaryOperator<String> responseHeader) {
        Exchange begun = this.exchanges.get(id);
        if (begun == null) {
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : CORS_RESPONSE_HEADERS) {
            String value = responseHeader.apply(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        this.exchanges.put(id, new Exchange(id, begun.method(), begun.path(), begun.origin(),
                begun.accessControlRequestMethod(), begun.accessControlRequestHeaders(), begun.preflight(), status,
                Collections.unmodifiableMap(headers)));
    }

    /** The exchanges recorded after the given id, oldest first. */
    public synchronized List<Exchange> after(long id) {
        List<Exchange> result = new ArrayList<>();
        for (Exchange exchange : this.exchanges.values()) {
            if (exchange.id() > id) {
                result.add(exchange);
            }
        }
        return result;
    }

    /** The id of the latest exchange, 0 before the first. */
    public synchronized long lastId() {
        return this.lastId;
    }

}
