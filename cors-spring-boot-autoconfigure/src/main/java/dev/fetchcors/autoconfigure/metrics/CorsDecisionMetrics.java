package dev.fetchcors.autoconfigure.metrics;

import java.util.Locale;

import dev.fetchcors.autoconfigure.CorsDecisionObserver;
import dev.fetchcors.core.CorsDecision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * Counts CORS decisions in the {@value #METRIC_NAME} counter, tagged by {@code kind} ({@code preflight},
 * {@code actual} or {@code websocket}, a WebSocket handshake) and {@code outcome} ({@code allowed}, or the
 * refusal: {@code origin}, {@code method}, {@code headers}).
 *
 * <pre>{@code
 * registry.get("cors.decisions").tags("kind", "preflight", "outcome", "origin").counter().count();
 * }</pre>
 *
 * <p>Requests without {@code Origin} are not CORS requests and are not counted ({@code http.server.requests}
 * already counts all requests). No tag carries a request value, so the counter has at most eight series whatever
 * the traffic; they are registered up front, at zero, and counting allocates nothing.
 */
public final class CorsDecisionMetrics implements CorsDecisionObserver {

    /** The name of the counter. */
    public static final String METRIC_NAME = "cors.decisions";

    private static final String[] OUTCOMES = { "allowed", "origin", "method", "headers" };

    /** By kind (in declaration order) then outcome (allowed, then each refusal in declaration order). */
    private final @Nullable Counter[] counters = new Counter[CorsDecision.Kind.values().length * OUTCOMES.length];

    /**
     * Registers the counters.
     *
     * @param registry where to register them
     */
    public CorsDecisionMetrics(MeterRegistry registry) {
        Assert.notNull(registry, "'registry' must not be null");
        register(registry, CorsDecision.Kind.PREFLIGHT, null);
        register(registry, CorsDecision.Kind.ACTUAL, null);
        register(registry, CorsDecision.Kind.WEBSOCKET, null);
        for (CorsDecision.Refusal refusal : CorsDecision.Refusal.values()) {
            register(registry, CorsDecision.Kind.PREFLIGHT, refusal);
        }
        // Fetch: an actual request is only ever refused for its origin; methods and headers are preflight checks.
        // A WebSocket handshake is judged by its origin alone.
        register(registry, CorsDecision.Kind.ACTUAL, CorsDecision.Refusal.ORIGIN);
        register(registry, CorsDecision.Kind.WEBSOCKET, CorsDecision.Refusal.ORIGIN);
    }

    private void register(MeterRegistry registry, CorsDecision.Kind kind, CorsDecision.@Nullable Refusal refusal) {
        this.counters[index(kind, refusal)] = Counter.builder(METRIC_NAME)
            .description("CORS requests by kind and by outcome: allowed, or refused for its origin, method or headers")
            .tag("kind", kind.name().toLowerCase(Locale.ROOT))
            .tag("outcome", OUTCOMES[outcome(refusal)])
            .register(registry);
    }

    @Override
    public void observe(CorsDecision decision) {
        if (decision.kind() == CorsDecision.Kind.NOT_CORS) {
            return;
        }
        Counter counter = this.counters[index(decision.kind(), decision.refusal())];
        if (counter != null) {
            counter.increment();
        }
    }

    private static int index(CorsDecision.Kind kind, CorsDecision.@Nullable Refusal refusal) {
        return kind.ordinal() * OUTCOMES.length + outcome(refusal);
    }

    private static int outcome(CorsDecision.@Nullable Refusal refusal) {
        return (refusal != null) ? refusal.ordinal() + 1 : 0;
    }

}
