package dev.fetchcors.core;

import java.lang.management.ManagementFactory;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The hot paths allocate nothing, so that the engine adds no garbage to a busy server, nor to one under a flood of
 * requests from a refused origin: an actual request from an exact allowed origin, a request without Origin, any
 * origin under '*', a refused or malformed origin (refused with 403 or passed on), and an allowed preflight whose
 * answer does not echo the request, whether its header line is one a browser sends or one that is scanned. Bytes,
 * not time: speed is measured by the JMH benchmarks.
 */
class AllocationTests {

    private static final int CALLS = 100_000;

    @Test
    void hotPathsAllocateNothing() {
        com.sun.management.ThreadMXBean threads = threads();
        CorsPolicy policy = CorsPolicy.compile(CorsCases.LISTED);
        CorsPolicy any = CorsPolicy.compile(CorsCases.ANY);

        assertNoAllocation(threads, "exact-origin actual requests", policy,
                new FixedRequest("GET", "https://example.org", null, null));
        assertNoAllocation(threads, "requests without Origin", policy, new FixedRequest("POST", null, null, null));
        assertNoAllocation(threads, "requests under '*'", any,
                new FixedRequest("GET", "https://anyone.example", null, null));
        assertNoAllocation(threads, "actual requests from a refused origin", policy,
                new FixedRequest("GET", "https://evil.example.net", null, null));
        assertNoAllocation(threads, "actual requests from a malformed origin", policy,
                new FixedRequest("GET", "https://evil.example.net/", null, null));
        assertNoAllocation(threads, "cross-site requests from a refused origin, refused with 403", policy,
                new FixedRequest("POST", "https://evil.example.net", null, null).site("cross-site"));
        assertNoAllocation(threads, "cross-site GETs from a refused origin (a script's, not a navigation)", policy,
                new FixedRequest("GET", "https://evil.example.net", null, null).site("cross-site"));
        assertNoAllocation(threads, "requests from a refused origin compared with the request's own", policy,
                new FixedRequest("POST", "https://evil.example.net", null, null).target("https", "api.example", 443));
        assertNoAllocation(threads, "same-origin requests with an unlisted origin", policy,
                new FixedRequest("POST", "https://api.example", null, null).target("HTTPS", "API.example", -1));
        assertNoAllocation(threads, "cross-site requests without Origin, refused with 403", policy,
                new FixedRequest("DELETE", null, null, null).site("cross-site"));
        assertNoAllocation(threads, "preflights from a refused origin", policy,
                new FixedRequest("OPTIONS", "https://evil.example.net", "PUT", "content-type"));
        assertNoAllocation(threads, "allowed preflights from an exact origin", policy,
                new FixedRequest("OPTIONS", "https://example.org", "PUT", "content-type,x-request-id"));
        assertNoAllocation(threads, "allowed preflights whose header line no browser sends, scanned", policy,
                new FixedRequest("OPTIONS", "https://example.org", "PUT", "X-Request-Id, Content-Type"));
        assertNoAllocation(threads, "allowed preflights without requested headers", policy,
                new FixedRequest("OPTIONS", "https://example.org", "DELETE", null));
    }

    @Test
    void theCounterSeesAllocation() {
        // A pattern match does allocate (its decision echoes the origin): the check above can fail.
        com.sun.management.ThreadMXBean threads = threads();
        CorsPolicy policy = CorsPolicy.compile(CorsCases.LISTED);
        long patternBytes = allocatedBy(threads, () -> policy.evaluate(new FixedRequest("GET",
                "https://a.example.com", null, null)));
        assertThat(patternBytes).as("bytes for %d pattern-matched requests", CALLS).isGreaterThan(CALLS * 16L);
    }

    private static com.sun.management.ThreadMXBean threads() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        return threads;
    }

    private static void assertNoAllocation(com.sun.management.ThreadMXBean threads, String what, CorsPolicy policy,
            FixedRequest request) {
        CorsDecision decision = policy.evaluate(request);
        assertThat(decision.kind()).as(what).isNotNull();
        long bytes = allocatedBy(threads, () -> policy.evaluate(request));
        assertThat(bytes).as("bytes for %d %s (%s)", CALLS, what, decision.reason(request)).isLessThan(CALLS);
    }

    private static long allocatedBy(com.sun.management.ThreadMXBean threads, Runnable call) {
        for (int i = 0; i < CALLS; i++) {
            call.run();
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < CALLS; i++) {
            call.run();
        }
        return threads.getThreadAllocatedBytes(id) - before;
    }

    /** A request view that allocates nothing itself, as an adapter over a server's header map would. */
    private static final class FixedRequest implements CorsRequest {

        private final String method;

        private final String origin;

        private final String requestMethod;

        private final List<String> requestHeaders;

        private String site;

        private String scheme;

        private String host;

        private int port = -1;

        FixedRequest(String method, String origin, String requestMethod, String requestHeaders) {
            this.method = method;
            this.origin = origin;
            this.requestMethod = requestMethod;
            this.requestHeaders = (requestHeaders != null) ? List.of(requestHeaders) : List.of();
        }

        FixedRequest site(String site) {
            this.site = site;
            return this;
        }

        FixedRequest target(String scheme, String host, int port) {
            this.scheme = scheme;
            this.host = host;
            this.port = port;
            return this;
        }

        @Override
        public String targetScheme() {
            return this.scheme;
        }

        @Override
        public String targetHost() {
            return this.host;
        }

        @Override
        public int targetPort() {
            return this.port;
        }

        @Override
        public String method() {
            return this.method;
        }

        @Override
        public String header(String name) {
            if (name.equalsIgnoreCase("Origin")) {
                return this.origin;
            }
            if (name.equalsIgnoreCase("Access-Control-Request-Method")) {
                return this.requestMethod;
            }
            if (name.equalsIgnoreCase("Access-Control-Request-Headers")) {
                return this.requestHeaders.isEmpty() ? null : this.requestHeaders.get(0);
            }
            if (name.equalsIgnoreCase("Sec-Fetch-Site")) {
                return this.site;
            }
            return null;
        }

        @Override
        public Iterable<String> headers(String name) {
            return name.equalsIgnoreCase("Access-Control-Request-Headers") ? this.requestHeaders : List.of();
        }

        @Override
        public boolean isRepeated(String name) {
            return false;
        }

    }

}
