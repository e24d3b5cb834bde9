package dev.fetchcors.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import dev.fetchcors.core.CorsConfig;
import dev.fetchcors.core.CorsDecision;
import dev.fetchcors.core.CorsPolicy;
import dev.fetchcors.core.CorsRequest;
import dev.fetchcors.core.OriginEntries;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Origins from a source at the cost of a static list: the same allowed and the same refused actual request against
 * a policy of 2 configured origins and one of 2 configured plus 100,000 loaded from a source (checked entry by entry
 * as the starter checks a table's rows, then compiled), and what loading 100,000 entries costs (checking and
 * compiling them, as each refresh that finds a change does), in time and bytes.
 */
public class OriginSourceBenchmark extends BenchmarkSettings {

    private static final String ALLOWED = "https://shop50000.customers.example.com";

    /** What the benchmark adds to the policy: nothing, or 100,000 origins from a source. */
    @Param({ "0", "100000" })
    int sourced;

    private CorsConfig base;

    private List<String> rows;

    private CorsPolicy policy;

    private CorsRequest allowed;

    private CorsRequest refused;

    @Setup
    public void setUp() {
        this.base = CorsConfig.builder()
            .allowedOrigins("https://app.example.com", "https://admin.example.com")
            .allowedMethods("PUT", "DELETE")
            .allowedHeaders("Content-Type", "X-Requested-With")
            .exposedHeaders("X-Total-Count")
            .allowCredentials(true)
            .build();
        this.rows = new ArrayList<>(100_000);
        for (int i = 0; i < 100_000; i++) {
            this.rows.add("https://shop" + i + ".customers.example.com");
        }
        // The same request in both: its origin is one of the 2 configured ones, or one of the 100,000 from the
        // source, so that the two policies differ only in how many origins they hold.
        this.policy = (this.sourced > 0) ? compile(this.sourced)
                : CorsPolicy.compile(this.base.toBuilder()
                    .allowedOrigins("https://app.example.com", ALLOWED)
                    .build());
        this.allowed = new Request(ALLOWED);
        this.refused = new Request("https://shop50000.evil.example");
        if (!this.policy.evaluate(this.allowed).isAllowed() || this.policy.evaluate(this.refused).isAllowed()) {
            throw new IllegalStateException("The requests do not take the paths they name");
        }
    }

    private CorsPolicy compile(int count) {
        OriginEntries entries = OriginEntries.check(this.base, this.rows.subList(0, count));
        return CorsPolicy.compile(this.base.toBuilder()
            .addAllowedOrigins(entries.accepted().toArray(String[]::new))
            .build());
    }

    /** An allowed actual request: the origin is one of the policy's (of the 100,000 when there are). */
    @Benchmark
    public CorsDecision allowedActualRequest() {
        return this.policy.evaluate(this.allowed);
    }

    /** An actual request from an origin the policy does not list. */
    @Benchmark
    public CorsDecision refusedActualRequest() {
        return this.policy.evaluate(this.refused);
    }

    /** One refresh that found a change: the entries checked one by one, and the policy compiled with them. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 5)
    @Measurement(iterations = 10)
    public CorsPolicy refresh() {
        return compile(this.sourced);
    }

    /** An actual request's headers, read from a map prepared once. */
    private static final class Request implements CorsRequest {

        private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        Request(String origin) {
            this.headers.put("Origin", origin);
            this.headers.put("Host", "api.example.com");
        }

        @Override
        public String method() {
            return "GET";
        }

        @Override
        public String header(String name) {
            return this.headers.get(name);
        }

    }

}
