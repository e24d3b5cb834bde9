package dev.fetchcors.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.fetchcors.core.CorsDecision;
import dev.fetchcors.core.CorsPolicy;
import dev.fetchcors.core.CorsRequest;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The engine alone: {@link CorsPolicy#evaluate} over a request view that allocates nothing itself, so that
 * {@code gc.alloc.rate.norm} is what the engine allocates.
 */
public class CoreBenchmark extends BenchmarkSettings {

    @Param
    Scenario scenario;

    private CorsPolicy policy;

    private CorsRequest request;

    @Setup
    public void setUp() {
        this.policy = this.scenario.policy().fetchCors();
        this.request = new FixedRequest(this.scenario);
        CorsDecision decision = this.policy.evaluate(this.request);
        boolean expected = this.scenario.allowed() && this.scenario != Scenario.NO_ORIGIN;
        if (decision.isAllowed() != expected || decision.isAnswered() != this.scenario.answered()) {
            throw new IllegalStateException(this.scenario + " measures the wrong path: " + decision);
        }
    }

    @Benchmark
    public CorsDecision evaluate() {
        return this.policy.evaluate(this.request);
    }

    /** A request whose header lookups are map reads over values prepared once. */
    static final class FixedRequest implements CorsRequest {

        private final String method;

        private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        FixedRequest(Scenario scenario) {
            this.method = scenario.method();
            for (String[] header : scenario.headers()) {
                this.headers.computeIfAbsent(header[0], (name) -> new ArrayList<>()).add(header[1]);
            }
        }

        @Override
        public String method() {
            return this.method;
        }

        @Override
        public String header(String name) {
            List<String> values = this.headers.get(name);
            return (values != null) ? values.get(0) : null;
        }

        @Override
        public Iterable<String> headers(String name) {
            List<String> values = this.headers.get(name);
            return (values != null) ? values : List.of();
        }

    }

}
