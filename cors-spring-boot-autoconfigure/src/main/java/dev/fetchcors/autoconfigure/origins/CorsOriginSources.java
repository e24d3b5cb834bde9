package dev.fetchcors.autoconfigure.origins;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import dev.fetchcors.autoconfigure.CorsOriginSource;
import dev.fetchcors.autoconfigure.CorsProperties;
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
 * <p>A load is bounded. In time: each source is loaded on a worker thread, and the loader waits for it at most
 * {@code app.cors.origin-source.timeout}, getting a connection included, then reports the outage; a load it gave up
 * on is left to end (the JDBC source's query and network timeouts end it), and until it does no other load of that
 * source starts, so that a stuck source holds one thread, never a pile of them. In rows: a source that returns more
 * than {@code app.cors.origin-source.max-rows} entries fails as a whole. In memory: of the rejected entries, the
 * count and the first 100 are kept, and those already logged are remembered as hashes, a few thousand at most.
 *
 * <p>A load swaps the policies at once ({@link PropertiesCorsPolicyResolver}): a request sees the old origins or the
 * new ones, never a mix. A load that changes a source's origins in force logs at INFO which it added and removed. A
 * source that fails keeps its last good entries in force; the failure is logged at WARN on the first, second,
 * fourth, eighth... failure in a row, with the age of the entries in force, and retried sooner (from one second,
 * doubling up to the refresh interval); its recovery is logged at INFO. An entry that is not a valid origin is
 * skipped and logged at WARN once, and listed by {@link #statuses()}. With {@code app.cors.origin-source.fail-fast},
 * a source that cannot be loaded at startup stops the application.
 *
 * <p>Calls of {@link #refreshNow()} made while a load is under way share its result rather than queue another, and
 * each waits at most the timeout and a margin for the compilation.
 */
public final class CorsOriginSources implements SmartLifecycle {

    /** Before the web server starts taking requests (Boot starts it at {@code DEFAULT_PHASE - 2048}), after it stops. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    /** Longer than any entry an origin is (512 characters), so that an entry cut to it is still rejected. */
    private static final int MAX_KEPT_LENGTH = 1024;

    private static final Log logger = LogFactory.getLog(CorsOriginSources.class);

    /** Rejected entries logged per source per load, at most; the rest are counted in one more line. */
    private static final int MAX_WARNED_PER_LOAD = 20;

    /** Rejected entries listed per source, at most. */
    private static final int MAX_LISTED = 100;

    /** Origins in force listed per source, at most, in their sorted order. */
    private static final int MAX_LISTED_ORIGINS = 1000;

    /** Origins named per source in the INFO line of a change, added and removed each; the rest are counted. */
    private static final int MAX_NAMED_CHANGES = 20;

    /** Rejected entries remembered per source as already logged, at most. */
    private static final int MAX_REMEMBERED = 4096;

    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    /** How long a caller of {@link #refreshNow()} waits beyond the timeout: the compilation of what was loaded. */
    private static final Duration COMPILATION_MARGIN = Duration.ofSeconds(5);

    private final List<Source> sources;

    private final PropertiesCorsPolicyResolver resolver;

    private final Duration interval;

    private final Duration timeout;

    private final int maxRows;

    private final boolean failFast;

    private final LongAdder loads = new LongAdder();

    /**
     * Where the sources' loads run, one at most per source at any time: threads that end after a minute idle, and
     * one that a source holds for as long as its load does not return.
     */
    private final ExecutorService workers;

    private final Object lock = new Object();

    private @Nullable ScheduledExecutorService scheduler;

    private @Nullable ScheduledFuture<?> next;

    /** The load queued or under way on the loading thread, which later callers share. Guarded by {@link #lock}. */
    private @Nullable CompletableFuture<Void> loading;

    /** The entries last put in force, to skip compiling when nothing changed. */
    private @Nullable List<SourcedOrigins.Entries> applied;

    private volatile boolean running;

    /**
     * The loader of the given sources.
     *
     * @param sources the sources by name (their bean names)
     * @param resolver the resolver whose policies they extend
     * @param settings the settings of {@code app.cors.origin-source}: how often to load them again, how long a load
     *        may take, how many entries it may return, and whether a source that cannot be loaded at startup stops
     *        the application
     */
    public CorsOriginSources(Map<String, CorsOriginSource> sources, PropertiesCorsPolicyResolver resolver,
            CorsProperties.OriginSource settings) {
        Assert.notEmpty(sources, "'sources' must not be empty");
        Assert.isTrue(isPositive(settings.getRefresh()), "'refresh' must be positive");
        Assert.isTrue(isPositive(settings.getTimeout()), "'timeout' must be positive");
        Assert.isTrue(settings.getMaxRows() > 0, "'maxRows' must be positive");
        List<Source> list = new ArrayList<>();
        sources.forEach((name, source) -> list.add(new Source(name, source)));
        this.sources = List.copyOf(list);
        this.resolver = resolver;
        this.interval = settings.getRefresh();
        this.timeout = settings.getTimeout();
        this.maxRows = settings.getMaxRows();
        this.failFast = settings.isFailFast();
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                (task) -> {
                    Thread thread = new Thread(task, "cors-origin-sources-load-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    private static boolean isPositive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    /** Loads every source once, waiting for it on the calling thread, then schedules the next loads. */
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
        synchronized (this.lock) {
            this.scheduler = scheduler;
        }
        this.running = true;
        scheduleNext(failed);
    }

    @Override
    public void stop() {
        this.running = false;
        ScheduledExecutorService scheduler;
        synchronized (this.lock) {
            scheduler = this.scheduler;
            this.scheduler = null;
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        // The workers stay, for a start after this stop: idle, their threads end within a minute.
    }

    private void scheduleNext(boolean failed) {
        synchronized (this.lock) {
            ScheduledExecutorService scheduler = this.scheduler;
            if (scheduler == null || scheduler.isShutdown()) {
                return;
            }
            if (this.next != null) {
                this.next.cancel(false);
            }
            Duration delay = failed ? retryDelay() : this.interval;
            this.next = scheduler.schedule(this::loadSoon, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
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
     * Loads every source now and puts the result in force, on the loading thread once the application runs. A call
     * made while a load is under way shares that load rather than queue another; either way it waits at most the
     * timeout and a margin for the compilation.
     *
     * @return the state of each source afterwards
     */
    public List<Status> refreshNow() {
        CompletableFuture<Void> load = loadSoon();
        if (load == null) {
            // Not started yet, or stopped: there is no loading thread, and nothing to share.
            loadAll();
            return statuses();
        }
        try {
            load.get(this.timeout.plus(COMPILATION_MARGIN).toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (ExecutionException | TimeoutException ex) {
            logger.warn("CORS origin sources could not be refreshed within " + describe(this.timeout.plus(
                    COMPILATION_MARGIN)) + ", their state as it is now is returned: " + ex);
        }
        return statuses();
    }

    /** Loads every source as soon as the loading thread is free, without waiting: on a Spring Cloud refresh. */
    public void refreshSoon() {
        loadSoon();
    }

    /**
     * Queues a load of every source on the loading thread, unless one is queued or under way already.
     *
     * @return the load queued or under way, or {@code null} when there is no loading thread
     */
    private @Nullable CompletableFuture<Void> loadSoon() {
        synchronized (this.lock) {
            if (this.loading != null) {
                return this.loading;
            }
            ScheduledExecutorService scheduler = this.scheduler;
            if (scheduler == null || scheduler.isShutdown()) {
                return null;
            }
            CompletableFuture<Void> load = new CompletableFuture<>();
            try {
                scheduler.execute(() -> {
                    try {
                        scheduleNext(loadAll());
                    }
                    finally {
                        synchronized (this.lock) {
                            this.loading = null;
                        }
                        load.complete(null);
                    }
                });
            }
            catch (RejectedExecutionException ex) {
                return null;
            }
            this.loading = load;
            return load;
        }
    }

    /** The last failure to compile the policies with the loaded entries, said once; guarded by this. */
    private @Nullable String compileFailure;

    /** Loads every source and puts the result in force; whether any source failed. Serialized. */
    private synchronized boolean loadAll() {
        this.loads.increment();
        // One deadline for all: the sources load side by side, so that a load of them all takes the timeout at most.
        long deadline = System.nanoTime() + this.timeout.toNanos();
        for (Source source : this.sources) {
            source.begin(this.workers);
        }
        boolean failed = false;
        for (Source source : this.sources) {
            failed |= !source.finish(deadline, this.timeout, this.maxRows);
        }
        List<SourcedOrigins.Entries> entries = new ArrayList<>();
        for (Source source : this.sources) {
            if (source.entries != null) {
                entries.add(new SourcedOrigins.Entries(source.name, source.policy, source.entries,
                        source.patterns));
            }
        }
        if (!entries.equals(this.applied)) {
            try {
                SourcedOrigins.Outcome outcome = this.resolver.useSourcedOrigins(new SourcedOrigins(entries));
                this.applied = entries;
                for (Source source : this.sources) {
                    source.applied(outcome);
                }
            }
            catch (RuntimeException ex) {
                // Said once per distinct failure, not on every retry.
                String failure = String.valueOf(ex.getMessage());
                if (!failure.equals(this.compileFailure)) {
                    this.compileFailure = failure;
                    logger.warn("CORS origin sources loaded, but the policies could not be compiled with them, so the"
                            + " previous origins stay in force (said again only when the failure changes): "
                            + failure);
                }
                return true;
            }
            this.compileFailure = null;
        }
        for (Source source : this.sources) {
            source.reportRecovery();
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

    /** A duration as a setting is written: {@code 500ms}, {@code 10s}. */
    static String describe(Duration duration) {
        return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    /**
     * The state of one source.
     *
     * @param name the source's name
     * @param policy the policy its entries join
     * @param origins how many distinct origins (and patterns) of it are in force
     * @param allowedOrigins the first of them in their sorted order, at most 1,000
     * @param rejectedCount how many of its last entries were rejected
     * @param rejected the first rejected entries, their values escaped, each with the reason and the fix
     * @param lastSuccess when it was last loaded, or {@code null} when never
     * @param age how old the entries in force are, or {@code null} when none ever loaded
     * @param consecutiveFailures how many loads in a row failed
     * @param lastFailure the last failure, or {@code null}
     * @param failures how many loads failed since startup
     * @param lastLoadTime how long the last successful load took, or {@code null}
     */
    public record Status(String name, String policy, int origins, List<String> allowedOrigins, int rejectedCount,
            List<Rejected> rejected, @Nullable Instant lastSuccess, @Nullable Duration age, int consecutiveFailures,
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

    /**
     * One source and what became of its loads. Loaded and updated under the loader's lock, read by anyone: what is
     * read from other threads is volatile.
     */
    private static final class Source {

        final String name;

        final CorsOriginSource source;

        final String policy;

        final boolean patterns;

        /** The entries of the last successful load: at most max-rows of them. */
        volatile @Nullable List<String> entries;

        /** The distinct origins in force, sorted: what the listing shows and a change is measured against. */
        volatile String[] inForce = new String[0];

        volatile int rejectedCount;

        /** The first rejected entries of the last compilation, at most {@link #MAX_LISTED}. */
        volatile List<ConfigProblem> rejected = List.of();

        volatile @Nullable Instant lastSuccess;

        volatile @Nullable Duration lastLoadTime;

        volatile int failures;

        volatile long totalFailures;

        volatile @Nullable String lastFailure;

        /** Failures in a row before the last successful load, to say so once it is in force; 0 when none. */
        int recoveredAfter;

        /** The load under way on a worker, or {@code null}. */
        @Nullable Future<List<String>> load;

        /** When the load under way started ({@link System#nanoTime()}). */
        long loadStarted;

        /** Whether a load is running on a worker, given up on or not: set when it starts, cleared when it returns. */
        final AtomicBoolean busy = new AtomicBoolean();

        /** Whether the last load could not start, its previous one still running. */
        boolean stuck;

        final Remembered warned = new Remembered(MAX_REMEMBERED);

        boolean warnedPolicy;

        Source(String name, CorsOriginSource source) {
            this.name = name;
            this.source = source;
            this.policy = source.policy();
            this.patterns = source.allowsPatterns();
        }

        /** Starts a load on a worker, unless the previous one has not returned yet. */
        void begin(ExecutorService workers) {
            if (!this.busy.compareAndSet(false, true)) {
                this.stuck = true;
                return;
            }
            this.stuck = false;
            this.loadStarted = System.nanoTime();
            try {
                this.load = workers.submit(() -> {
                    try {
                        return this.source.load();
                    }
                    finally {
                        this.busy.set(false);
                    }
                });
            }
            catch (RejectedExecutionException ex) {
                this.busy.set(false);
                this.load = CompletableFuture.failedFuture(ex);
            }
        }

        /**
         * Waits for the load started by {@link #begin} until the deadline, and keeps its entries.
         *
         * @return whether it succeeded
         */
        boolean finish(long deadline, Duration timeout, int maxRows) {
            if (this.stuck) {
                failed("its load that started " + Duration.ofNanos(System.nanoTime() - this.loadStarted).toMillis()
                        + " ms ago has not returned yet, and no other starts until it does");
                return false;
            }
            Future<List<String>> load = this.load;
            this.load = null;
            List<String> loaded;
            try {
                loaded = (load != null) ? load.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                        : null;
            }
            catch (TimeoutException ex) {
                // Left to end on its worker: interrupted, a JDBC driver may close what the pool still holds.
                failed("no answer within " + describe(timeout) + " (app.cors.origin-source.timeout), getting a"
                        + " connection included");
                return false;
            }
            catch (ExecutionException ex) {
                failed(ex.getCause());
                return false;
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                failed(ex);
                return false;
            }
            catch (CancellationException ex) {
                failed(ex);
                return false;
            }
            if (loaded == null) {
                failed(new IllegalStateException("the source returned null"));
                return false;
            }
            if (loaded.size() > maxRows) {
                // The JDBC source reads one row more than the bound, so that more than it is a failure, not a cut.
                failed("it returned more than " + maxRows + " entries (app.cors.origin-source.max-rows), so none of"
                        + " this load is used");
                return false;
            }
            this.lastLoadTime = Duration.ofNanos(System.nanoTime() - this.loadStarted);
            this.lastSuccess = Instant.now();
            this.entries = List.copyOf(withoutNulls(loaded));
            this.recoveredAfter = this.failures;
            this.failures = 0;
            this.lastFailure = null;
            return true;
        }

        /**
         * {@code null} elements as empty ones, which are rejected with a reason, where List.copyOf would throw; an
         * entry far longer than any origin is kept only as long as it takes to reject it, not whole until the next
         * load.
         */
        private static List<String> withoutNulls(List<String> loaded) {
            List<String> copy = new ArrayList<>(loaded.size());
            for (String entry : loaded) {
                copy.add((entry == null) ? "" : (entry.length() > MAX_KEPT_LENGTH) ? entry.substring(0, MAX_KEPT_LENGTH)
                        : entry);
            }
            return copy;
        }

        private void failed(Throwable ex) {
            // The first line: a driver's message may go on with the statement, over several lines.
            String message = String.valueOf(ex.getMessage()).lines().findFirst().orElse("").strip();
            failed(ex.getClass().getSimpleName() + ": " + CorsDecision.forLog(message));
        }

        /** Counts a failure, and logs it on the first, second, fourth... in a row. */
        private void failed(String failure) {
            this.failures++;
            this.totalFailures++;
            this.recoveredAfter = 0;
            this.lastFailure = failure;
            if (Integer.bitCount(this.failures) == 1) {
                Instant success = this.lastSuccess;
                String inForce = (success != null) ? "its last good entries (" + this.inForce.length + " origins,"
                        + " loaded " + Duration.between(success, Instant.now()).toSeconds() + " s ago) stay in force"
                        : "it was never loaded, so only the configured origins are in force";
                logger.warn("CORS origin source '" + this.name + "' (" + this.source + ") could not be loaded"
                        + ((this.failures > 1) ? " (" + this.failures + " times in a row)" : "") + ": "
                        + (failure.endsWith(".") ? failure : failure + ".") + " "
                        + Character.toUpperCase(inForce.charAt(0)) + inForce.substring(1)
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
                this.rejectedCount = 0;
                this.rejected = List.of();
                inForce(new String[0]);
                return;
            }
            List<ConfigProblem> rejected = outcome.rejected(this.name);
            this.rejectedCount = rejected.size();
            this.rejected = List.copyOf(rejected.subList(0, Math.min(MAX_LISTED, rejected.size())));
            inForce(outcome.accepted(this.name).stream().distinct().sorted().toArray(String[]::new));
            int logged = 0;
            int more = 0;
            for (ConfigProblem problem : rejected) {
                if (!this.warned.add(problem.value())) {
                    continue;
                }
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

        /** Puts the origins in force and, when they differ from the previous ones, says what was added and removed. */
        private void inForce(String[] origins) {
            String[] previous = this.inForce;
            this.inForce = origins;
            List<String> added = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            int addedCount = 0;
            int removedCount = 0;
            // Both sorted: one merge tells the difference, whatever the number of origins.
            int i = 0;
            int j = 0;
            while (i < previous.length || j < origins.length) {
                int order = (i == previous.length) ? 1 : (j == origins.length) ? -1 : previous[i].compareTo(origins[j]);
                if (order == 0) {
                    i++;
                    j++;
                }
                else if (order < 0) {
                    if (removedCount++ < MAX_NAMED_CHANGES) {
                        removed.add(CorsDecision.forLog(previous[i]));
                    }
                    i++;
                }
                else {
                    if (addedCount++ < MAX_NAMED_CHANGES) {
                        added.add(CorsDecision.forLog(origins[j]));
                    }
                    j++;
                }
            }
            if (addedCount > 0 || removedCount > 0) {
                logger.info("CORS origin source '" + this.name + "': " + change(addedCount, added, "added") + ", "
                        + change(removedCount, removed, "removed") + "; " + origins.length + " in force"
                        + rejectedSuffix());
            }
        }

        private static String change(int count, List<String> named, String what) {
            if (count == 0) {
                return "none " + what;
            }
            return count + ((count == 1) ? " origin " : " origins ") + what + " (" + String.join(", ", named)
                    + ((count > named.size()) ? " and " + (count - named.size()) + " more" : "") + ")";
        }

        /** Says, once the load is in force, that the source recovered: with the origins in force, as listed. */
        void reportRecovery() {
            if (this.recoveredAfter > 0) {
                logger.info("CORS origin source '" + this.name + "' loaded again after " + this.recoveredAfter
                        + ((this.recoveredAfter == 1) ? " failure" : " failures") + ": " + this.inForce.length
                        + ((this.inForce.length == 1) ? " origin" : " origins") + " in force" + rejectedSuffix());
                this.recoveredAfter = 0;
            }
        }

        private String rejectedSuffix() {
            int rejected = this.rejectedCount;
            return (rejected == 0) ? "." : ", " + rejected + ((rejected == 1) ? " entry" : " entries") + " rejected.";
        }

        Status status() {
            List<Rejected> listed = new ArrayList<>();
            for (ConfigProblem problem : this.rejected) {
                listed.add(new Rejected(CorsDecision.forLog(problem.value()), problem.reason(), problem.fix()));
            }
            String[] inForce = this.inForce;
            Instant success = this.lastSuccess;
            return new Status(this.name, this.policy, inForce.length,
                    List.of(Arrays.copyOf(inForce, Math.min(MAX_LISTED_ORIGINS, inForce.length))), this.rejectedCount,
                    List.copyOf(listed), success, (success != null) ? Duration.between(success, Instant.now()) : null,
                    this.failures, this.lastFailure, this.totalFailures, this.lastLoadTime);
        }

    }

    /**
     * Values already logged, remembered as 64-bit hashes in a table of fixed size: a few dozen KiB whatever the
     * values' length, where the values themselves (a tenant's text of any length) could weigh megabytes. Once full,
     * no new value is remembered, and so none is logged: each is still counted and listed.
     */
    private static final class Remembered {

        private final int capacity;

        /** Open addressing, twice the capacity; 0 marks a free slot (a hash of 0 is stored as 1). */
        private long @Nullable [] table;

        private int size;

        Remembered(int capacity) {
            this.capacity = capacity;
        }

        /** Whether the value was new and is remembered now; {@code false} when seen before, or the table is full. */
        synchronized boolean add(String value) {
            long[] table = this.table;
            if (table == null) {
                // Made on first use: most sources never reject an entry.
                table = new long[Integer.highestOneBit(this.capacity * 2 - 1) << 1];
                this.table = table;
            }
            long hash = hash(value);
            int mask = table.length - 1;
            for (int slot = (int) (hash ^ (hash >>> 32)) & mask;; slot = (slot + 1) & mask) {
                if (table[slot] == hash) {
                    return false;
                }
                if (table[slot] == 0) {
                    if (this.size >= this.capacity) {
                        return false;
                    }
                    table[slot] = hash;
                    this.size++;
                    return true;
                }
            }
        }

        /** FNV-1a over the characters, 64 bits: two distinct values of a table collide with a negligible chance. */
        private static long hash(String value) {
            long hash = 0xcbf29ce484222325L;
            for (int i = 0; i < value.length(); i++) {
                hash ^= value.charAt(i);
                hash *= 0x100000001b3L;
            }
            return (hash != 0) ? hash : 1;
        }

    }

}
