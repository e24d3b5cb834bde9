package dev.fetchcors.core;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The hot paths (an actual request from an exact allowed origin, a request without Origin) allocate nothing, so
 * that the engine adds no garbage to a busy server. Bytes, not time: speed is measured by the JMH benchmarks.
 */
class AllocationTest {

    private static final int CALLS = 100_000;

    @Test
    void exactOriginAndNotCorsPathsAllocateNothing() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());

        CorsPolicy policy = CorsPolicy.compile(CorsCases.LISTED);
        CorsPolicy any = CorsPolicy.compile(CorsCases.ANY);
        FixedRequest exact = new FixedRequest("GET", "https://example.org");
        FixedRequest notCors = new FixedRequest("POST", null);
        FixedRequest anyOrigin = new FixedRequest("GET", "https://anyone.example");

        long exactBytes = allocatedBy(threads, () -> policy.evaluate(exact));
        long notCorsBytes = allocatedBy(threads, () -> policy.evaluate(notCors));
        long anyBytes = allocatedBy(threads, () -> any.evaluate(anyOrigin));
        // A pattern match does allocate (its decision echoes the origin): the counter can see allocation.
        long patternBytes = allocatedBy(threads, () -> policy.evaluate(new FixedRequest("GET",
                "https://a.example.com")));

        assertThat(exactBytes).as("bytes for %d exact-origin requests", CALLS).isLessThan(CALLS);
        assertThat(notCorsBytes).as("bytes for %d requests without Origin", CALLS).isLessThan(CALLS);
        assertThat(anyBytes).as("bytes for %d requests under '*'", CALLS).isLessThan(CALLS);
        assertThat(patternBytes).as("bytes for %d pattern-matched requests", CALLS).isGreaterThan(CALLS * 16L);
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
    private record FixedRequest(String method, String origin) implements CorsRequest {

        @Override
        public String header(String name) {
            return (this.origin != null && name.equals("Origin")) ? this.origin : null;
        }

        @Override
        public boolean isRepeated(String name) {
            return false;
        }

    }

}
