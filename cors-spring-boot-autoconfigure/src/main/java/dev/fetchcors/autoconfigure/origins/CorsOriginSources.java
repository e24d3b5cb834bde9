package dev.fetchcors.autoconfigure.origins;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

import dev.fetchcors.autoconfigure.CorsOriginSource;
import dev.fetchcors.autoconfigure.InvalidCorsConfigurationException;
import dev.fetchcors.autoconfigure.policy.PropertiesCorsPolicyResolver;
import dev.fetchcors.autoconfigure.policy.SourcedOrigins;
import dev.fetchcors.core.ConfigProblem;
import dev.fetchcors.core.CorsDecision;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Loads every {@link CorsOriginSource} off the request path and puts what they return in force beside the
 * configured origins, each entry checked exactly as an entry of {@code allowed-origins}: once at startup (before the
 * web server takes requests), then every {@code app.cors.origin-source.refresh} on a thread of its own, and at once
 * on {@link #refreshNow()}.
 *
 * <p>A load swaps the policies at once ({@link PropertiesCorsPolicyResolver}): a request sees the old origins or the
 * new ones, never a mix. A source that fails keeps its last good entries in force; the failure is logged at WARN on
 * the first, second, fourth, eighth... failure in a row, with the age of the entries in force, and retried sooner
 * (from one second, doubling up to the refresh interval); its recovery is logged at INFO. An entry that is not a
 * valid origin is skipped and logged at WARN once, and listed by {@link #statuses()}. With
 * {@code app.cors.origin-source.fail-fast}, a source that cannot be loaded at startup stops the application.
 */
public final class CorsOriginSources implements SmartLifecycle {

    /** Before the web server starts taking requests (Boot starts it at {@code DEFAULT_PHASE - 2048}), after it stops. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Log logger = LogFactory.getLog(CorsOriginSources.class);

    /** Rejected entries logged per source per load, at most; the rest are counted in one more line. */
    private static final int MAX_WARNED_PER_LOAD = 20;

    /** Rejected entries listed per source, at most. */
    private static final int MAX_LISTED = 100;

    /** Rejected entries remembered per source as already logged, at most. */
    private static final int MAX_REMEMBERED = 10_000;

    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    private final List<Source> sources;

    private final PropertiesCorsPolicyResolver resolver;

    private final Duration interval;

    private final boolean failFast;

    private final LongAdder loads = new LongAdder();

    private @Nullable ScheduledExecutorService scheduler;

    private @Nullable ScheduledFuture<?> next;

    /** The entries last put in force, to skip compiling when nothing changed. */
    private @Nullable List<SourcedOrigins.Entries> applied;

    private volatile boolean running;

    /**
     * The loader of the given sources.
     *
     * @param sources the sources by name (their bean names)
     * @param resolver the resolver whose policies they extend
     * @param interval how often to load them again
     * @param failFast whether a source that cannot be loaded at startup stops the application
     */
    public CorsOriginSources(Map<String, CorsOriginSource> sources, PropertiesCorsPolicyResolver resolver,
            Duration interval, boolean failFast) {
        Assert.notEmpty(sources, "'sources' must not be empty");
        Assert.isTrue(!interval.isNegative() && !interval.isZero(), "'interval' must be positive");
        List<Source> list = new ArrayList<>();
        sources.forEach((name, source) -> list.add(new Source(name, source)));
        this.sources = List.copyOf(list);
        this.resolver = resolver;
        this.interval = interval;
        this.failFast = failFast;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    /** Loads every source once, on the calling thread, then schedules the next loads. */
    @Override
    public void start() {
        boolean failed = loadAll();
        if (failed && this.failFast) {
            List<ConfigProblem> problems = new ArrayList<>();
            for (Source source : this.sources) {
                if (source.failures > 0) {
                    problems.add(new ConfigProblem("app.cors.origin-source.fail-fast", "true", "origin source '"
                            + source.name + "' (" + source.source + ") could not be loaded: " + source.lastFailure,
                            "make it reachable, or set app.cors.origin-source.fail-fast=false to start with the"
                                    + " configured origins and keep trying."));
                }
            }
            throw new InvalidCorsConfigurationException(problems);
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
            Thread thread = new Thread(task, "cors-origin-sources");
            thread.setDaemon(true);
            return thread;
        });
        this.scheduler = scheduler;
        this.running = true;
        scheduleNext(failed);
    }

    @Override
    public void stop() {
        this.running = false;
        ScheduledExecutorService scheduler = this.scheduler;
        if (scheduler != null) {
            scheduler.shutdownNow();
            this.scheduler = null;
        }
    }

    private synchronized void scheduleNext(boolean failed) {
        ScheduledExecutorService scheduler = this.scheduler;
        if (scheduler == null || scheduler.isShutdown()) {
            return;
        }
        if (this.next != null) {
            this.next.cancel(false);
        }
        Duration delay = failed ? retryDelay() : this.interval;
        this.next = scheduler.schedule(() -> scheduleNext(loadAll()), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** From one second, doubling with each failure in a row, up to the refresh interval. */
    private Duration retryDelay() {
        int failures = 0;
        for (Source source : this.sources) {
            failures = Math.max(failures, source.failures);
        }
        Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(20, Math.max(0, failures - 1)));
        return (delay.compareTo(this.interval) < 0) ? delay : this.interval;
    }

    /**
     * Loads every source now and puts the result in force, on the loading thread once the application runs.
     *
     * @return the state of each source afterwards
     */
    public List<Status> refreshNow() {
        ScheduledExecutorService scheduler = this.scheduler;
        if (scheduler == null || scheduler.isShutdown()) {
            loadAll();
            return statuses();
        }
        Future<?> load = scheduler.submit(() -> scheduleNext(loadAll()));
        try {
            load.get(5, TimeUnit.MINUTES);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (ExecutionException | TimeoutException ex) {
            logger.warn("CORS origin sources could not be refreshed now: " + ex);
        }
        return statuses();
    }

    /** Loads every source as soon as the loading thread is free, without waiting: on a Spring Cloud refresh. */
    public void refreshSoon() {
        ScheduledExecutorService scheduler = this.scheduler;
        if (scheduler != null && !scheduler.isShutdown()) {
            scheduler.execute(() -> scheduleNext(loadAll()));
        }
    }

    /** Loads every source and puts the result in force; whether any source failed. Serialized. */
    private synchronized boolean loadAll() {
        this.loads.increment();
        boolean failed = false;
        for (Source source : this.sources) {
            failed |= !source.load();
        }
        List<SourcedOrigins.Entries> entries = new ArrayList<>();
        for (Source source : this.sources) {
            if (source.entries != null) {
                entries.add(new SourcedOrigins.Entries(source.name, source.policy, source.entries,
                        source.patterns));
            }
        }
        if (entries.equals(this.applied)) {
            return failed;
        }
        try {
            SourcedOrigins.Outcome outcome = this.resolver.useSourcedOrigins(new SourcedOrigins(entries));
            this.applied = entries;
            for (Source source : this.sources) {
                source.applied(outcome);
            }
        }
        catch (RuntimeException ex) {
            logger.warn("CORS origin sources loaded, but the policies could not be compiled with them, so the"
                    + " previous origins stay in force: " + ex.getMessage());
            return true;
        }
        return failed;
    }

    /** How many times the sources were loaded since startup, for tests and the actuator. */
    public long loads() {
        return this.loads.sum();
    }

    /** The state of each source, in the order they were given. */
    public List<Status> statuses() {
        List<Status> statuses = new ArrayList<>();
        for (Source source : this.sources) {
            statuses.add(source.status());
        }
        return statuses;
    }

    /**
     * The state of one source.
     *
     * @param name the source's name
     * @return its state, or {@code null} when there is no such source
     */
    public @Nullable Status status(String name) {
        for (Source source : this.sources) {
            if (source.name.equals(name)) {
                return source.status();
            }
        }
        return null;
    }

    /**
     * The state of one source.
     *
     * @param name the source's name
     * @param policy the policy its entries join
     * @param origins how many of its entries are in force
     * @param rejectedCount how many of its last entries were rejected
     * @param rejected the first rejected entries, their values escaped, each with the reason and the fix
     * @param lastSuccess when it was last loaded, or {@code null} when never
     * @param age how old the entries in force are, or {@code null} when none ever loaded
     * @param consecutiveFailures how many loads in a row failed
     * @param lastFailure the last failure, or {@code null}
     * @param failures how many loads failed since startup
     * @param lastLoadTime how long the last successful load took, or {@code null}
     */
    public record Status(String name, String policy, int origins, int rejectedCount, List<Rejected> rejected,
            @Nullable Instant lastSuccess, @Nullable Duration age, int consecutiveFailures,
            @Nullable String lastFailure, long failures, @Nullable Duration lastLoadTime) {
    }

    /**
     * An entry that is not a valid origin.
     *
     * @param value the entry, escaped and cut to length
     * @param reason why it is not valid
     * @param fix what to write instead
     */
    public record Rejected(String value, String reason, String fix) {
    }

    /** One source and what became of its loads. Touched by the loading thread, read by anyone. */
    private static final class Source {

        final String name;

        final CorsOriginSource source;

        final String policy;

        final boolean patterns;

        /** The entries of the last successful load. */
        volatile @Nullable List<String> entries;

        volatile int accepted;

        volatile List<ConfigProblem> rejected = List.of();

        volatile @Nullable Instant lastSuccess;

        volatile @Nullable Duration lastLoadTime;

        volatile int failures;

        volatile long totalFailures;

        volatile @Nullable String lastFailure;

        @Nullable Instant failingSince;

        final Set<String> warned = Collections.synchronizedSet(new LinkedHashSet<>());

        boolean warnedPolicy;

        Source(String name, CorsOriginSource source) {
            this.name = name;
            this.source = source;
            this.policy = source.policy();
            this.patterns = source.allowsPatterns();
        }

        /** Loads the entries; whether it succeeded. */
        boolean load() {
            long start = System.nanoTime();
            List<String> loaded;
            try {
                loaded = this.source.load();
                if (loaded == null) {
                    throw new IllegalStateException("the source returned null");
                }
            }
            catch (Exception | LinkageError ex) {
                failed(ex);
                return false;
            }
            this.lastLoadTime = Duration.ofNanos(System.nanoTime() - start);
            this.lastSuccess = Instant.now();
            this.entries = List.copyOf(withoutNulls(loaded));
            if (this.failures > 0) {
                logger.info("CORS origin source '" + this.name + "' loaded again after " + this.failures
                        + ((this.failures == 1) ? " failure" : " failures") + ": " + loaded.size() + " entries.");
            }
            this.failures = 0;
            this.failingSince = null;
            this.lastFailure = null;
            return true;
        }

        /** {@code null} elements as empty ones, which are rejected with a reason, where List.copyOf would throw. */
        private static List<String> withoutNulls(List<String> loaded) {
            List<String> copy = new ArrayList<>(loaded.size());
            for (String entry : loaded) {
                copy.add((entry != null) ? entry : "");
            }
            return copy;
        }

        private void failed(Throwable ex) {
            this.failures++;
            this.totalFailures++;
            // The first line: a driver's message may go on with the statement, over several lines.
            String message = String.valueOf(ex.getMessage()).lines().findFirst().orElse("").strip();
            this.lastFailure = ex.getClass().getSimpleName() + ": " + CorsDecision.forLog(message);
            if (this.failingSince == null) {
                this.failingSince = Instant.now();
            }
            if (Integer.bitCount(this.failures) == 1) {
                Instant success = this.lastSuccess;
                String inForce = (success != null) ? "its last good entries (" + this.accepted + " origins, loaded "
                        + Duration.between(success, Instant.now()).toSeconds() + " s ago) stay in force"
                        : "it was never loaded, so only the configured origins are in force";
                logger.warn("CORS origin source '" + this.name + "' (" + this.source + ") could not be loaded"
                        + ((this.failures > 1) ? " (" + this.failures + " times in a row)" : "") + ": "
                        + this.lastFailure + ". " + Character.toUpperCase(inForce.charAt(0)) + inForce.substring(1)
                        + "; it is retried, and said again after " + (this.failures * 2) + " failures in a row.");
            }
        }

        void applied(SourcedOrigins.Outcome outcome) {
            String unknown = outcome.unknownPolicy(this.name);
            if (unknown != null) {
                if (!this.warnedPolicy) {
                    this.warnedPolicy = true;
                    logger.warn("CORS origin source '" + this.name + "' names policy '" + unknown + "', which does not"
                            + " exist: its entries are not in force. Name 'default' or one of app.cors.policies[].name.");
                }
                this.accepted = 0;
                return;
            }
            this.accepted = outcome.accepted(this.name);
            List<ConfigProblem> rejected = outcome.rejected(this.name);
            this.rejected = rejected;
            int logged = 0;
            int more = 0;
            for (ConfigProblem problem : rejected) {
                if (this.warned.size() >= MAX_REMEMBERED || this.warned.contains(problem.value())) {
                    continue;
                }
                this.warned.add(problem.value());
                if (logged < MAX_WARNED_PER_LOAD) {
                    logger.warn("CORS origin source '" + this.name + "': entry '"
                            + CorsDecision.forLog(problem.value()) + "' skipped: " + problem.reason() + " Fix: " + problem.fix());
                    logged++;
                }
                else {
                    more++;
                }
            }
            if (more > 0) {
                logger.warn("CORS origin source '" + this.name + "': " + more + " more entries skipped; the actuator's"
                        + " cors endpoint lists them.");
            }
        }

        Status status() {
            List<Rejected> listed = new ArrayList<>();
            List<ConfigProblem> rejected = this.rejected;
            for (int i = 0; i < Math.min(MAX_LISTED, rejected.size()); i++) {
                ConfigProblem problem = rejected.get(i);
                listed.add(new Rejected(CorsDecision.forLog(problem.value()), problem.reason(), problem.fix()));
            }
            Instant success = this.lastSuccess;
            return new Status(this.name, this.policy, this.accepted, rejected.size(), List.copyOf(listed), success,
                    (success != null) ? Duration.between(success, Instant.now()) : null, this.failures,
                    this.lastFailure, this.totalFailures, this.lastLoadTime);
        }

    }

}
