package dev.fetchcors.autoconfigure.metrics;

import java.time.Duration;
import java.util.function.ToDoubleFunction;

import dev.fetchcors.autoconfigure.origins.CorsOriginSources.Status;
import dev.fetchcors.autoconfigure.origins.CorsOriginSources;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * The state of each origin source, tagged {@code source} and {@code policy}: {@code cors.origin.source.origins}
 * (entries in force), {@code cors.origin.source.rejected} (entries of the last load skipped as invalid),
 * {@code cors.origin.source.age} (seconds since the entries in force were loaded; an alert on it catches a source that
 * keeps failing while the last good entries serve) and {@code cors.origin.source.failures} (loads that failed).
 *
 * <pre>{@code
 * registry.get("cors.origin.source.age").tag("source", "jdbc").gauge().value();
 * }</pre>
 */
final class CorsOriginSourceMetrics {

    private CorsOriginSourceMetrics() {
    }

    /**
     * Registers the meters of every source.
     *
     * @param sources the origin sources
     * @param registry where to register them
     */
    public static void register(CorsOriginSources sources, MeterRegistry registry) {
        for (Status status : sources.statuses()) {
            String name = status.name();
            Tags tags = Tags.of("source", name, "policy", status.policy());
            gauge(registry, "cors.origin.source.origins", "Origins of the source in force", tags, sources, name,
                    (current) -> current.origins());
            gauge(registry, "cors.origin.source.rejected", "Entries of the source's last load skipped as invalid",
                    tags, sources, name, (current) -> current.rejectedCount());
            gauge(registry, "cors.origin.source.age", "Seconds since the origins of the source in force were loaded",
                    tags, sources, name, (current) -> {
                        Duration age = current.age();
                        return (age != null) ? age.toMillis() / 1000.0 : Double.NaN;
                    });
            FunctionCounter.builder("cors.origin.source.failures", sources, (all) -> {
                Status current = all.status(name);
                return (current != null) ? current.failures() : 0;
            }).description("Loads of the source that failed").tags(tags).register(registry);
        }
    }

    private static void gauge(MeterRegistry registry, String metric, String description, Tags tags,
            CorsOriginSources sources, String name, ToDoubleFunction<Status> value) {
        Gauge.builder(metric, sources, (all) -> {
            Status current = all.status(name);
            return (current != null) ? value.applyAsDouble(current) : Double.NaN;
        }).description(description).tags(tags).register(registry);
    }

}
