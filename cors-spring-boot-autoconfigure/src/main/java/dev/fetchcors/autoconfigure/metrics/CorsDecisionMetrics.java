package dev.fetchcors.autoconfigure.metrics;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

import dev.fetchcors.autoconfigure.CorsDecisionObserver;
import dev.fetchcors.core.CorsDecision;
import dev.fetchcors.core.CorsDifference;
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
 * the traffic; they are registered up front, at zero, and counting allocates nothing. Decisions made in shadow mode
 * are not counted here: nothing was decided.
 *
 * <p>The differences found in shadow mode and by candidate policies are counted in {@value #DIFFERENCES_METRIC_NAME},
 * tagged by {@code comparison} ({@code shadow} or {@code candidate}), {@code policy}, {@code kind}, {@code verdict}
 * ({@code would-break}, {@code would-open}, {@code would-change}) and {@code reason} (what differs: {@code origin},
 * {@code method}, {@code headers}, {@code credentials}, {@code exposed-headers}, {@code max-age}, {@code vary}, ...),
 * each series registered the first time it counts.
 */
public final class CorsDecisionMetrics implements CorsDecisionObserver {

    /** The name of the counter. */
    public static final String METRIC_NAME = "cors.decisions";

    /** The name of the counter of differences found in shadow mode and by candidate policies. */
    public static final String DIFFERENCES_METRIC_NAME = "cors.shadow.differences";

    /** Policy names come from the configuration; a resolver that names policies per request is cut off here. */
    private static final int MAX_POLICIES = 100;

    private static final int DIFFERENCE_SERIES = Comparison.values().length * CorsDecision.Kind.values().length
            * CorsDifference.Verdict.values().length * CorsDifference.Aspect.values().length;

    private final MeterRegistry registry;

    /** The differences' counters by policy, each registered the first time it counts. */
    private final ConcurrentHashMap<String, Counter[]> differences = new ConcurrentHashMap<>();

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
        this.registry = registry;
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
        if (decision.kind() == CorsDecision.Kind.NOT_CORS || decision.isShadow()) {
            // In shadow mode nothing is decided: the differences are counted in cors.shadow.differences.
            return;
        }
        Counter counter = this.counters[index(decision.kind(), decision.refusal())];
        if (counter != null) {
            counter.increment();
        }
    }

    @Override
    public void difference(String policy, Comparison comparison, CorsDifference difference) {
        Counter[] counters = this.differences.computeIfAbsent(policy,
                (name) -> (this.differences.size() < MAX_POLICIES) ? new Counter[DIFFERENCE_SERIES] : null);
        if (counters == null) {
            return;
        }
        int index = ((comparison.ordinal() * CorsDecision.Kind.values().length + difference.kind().ordinal())
                * CorsDifference.Verdict.values().length + difference.verdict().ordinal())
                * CorsDifference.Aspect.values().length + difference.aspect().ordinal();
        Counter counter = counters[index];
        if (counter == null) {
            counter = Counter.builder(DIFFERENCES_METRIC_NAME)
                .description("CORS requests where a browser would reach another verdict on the answer of a policy"
                        + " in shadow mode, or of a candidate policy, than on the answer sent")
                .tag("comparison", comparison.name().toLowerCase(Locale.ROOT))
                .tag("policy", policy)
                .tag("kind", difference.kind().name().toLowerCase(Locale.ROOT))
                .tag("verdict", difference.verdict().tag())
                .tag("reason", difference.aspect().tag())
                .register(this.registry);
            counters[index] = counter;
        }
        counter.increment();
    }

    private static int index(CorsDecision.Kind kind, CorsDecision.@Nullable Refusal refusal) {
        return kind.ordinal() * OUTCOMES.length + outcome(refusal);
    }

    private static int outcome(CorsDecision.@Nullable Refusal refusal) {
        return (refusal != null) ? refusal.ordinal() + 1 : 0;
    }

}
