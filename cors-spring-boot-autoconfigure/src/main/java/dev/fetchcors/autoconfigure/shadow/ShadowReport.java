package dev.fetchcors.autoconfigure.shadow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import dev.fetchcors.autoconfigure.CorsDecisionObserver.Comparison;
import dev.fetchcors.autoconfigure.CorsDecisionObserver;
import dev.fetchcors.autoconfigure.ServerCorsRequest;
import dev.fetchcors.core.CorsAnswer;
import dev.fetchcors.core.CorsDecision;
import dev.fetchcors.core.CorsDifference;
import dev.fetchcors.core.CorsHeaders;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.util.Assert;
import org.springframework.web.util.pattern.PathPattern;

/**
 * What shadow mode and candidate policies found, kept for the actuator's {@code cors} endpoint and logged: how many
 * CORS requests were compared since when, and each distinct difference (policy, comparison, request kind, verdict,
 * aspect, method, origin) with its count, when it was first and last seen, an example request and the reason, in
 * words, with the property to change. Each distinct difference is logged once, at WARN; the rest are counted.
 *
 * <p>Bounded whatever the traffic: at most {@code maxDistinct} differences are kept, and origins the compared
 * policy refuses take at most a tenth of them under their own name (a flood of made-up origins adds one entry per
 * difference beyond that, {@value #OTHER_REFUSED_ORIGINS}, logged once); request values are escaped and cut to
 * length.
 * Counting a request where the answers agree allocates nothing. Thread-safe.
 */
public final class ShadowReport {

    private static final Log logger = LogFactory.getLog(ShadowReport.class);

    /** The origin under which differences from origins the policy refuses are counted, past their share. */
    static final String OTHER_REFUSED_ORIGINS = "(other origins the policy refuses)";

    private final int maxDistinct;

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    private final LongAdder shadowRequests = new LongAdder();

    private final LongAdder candidateRequests = new LongAdder();

    private final LongAdder overflow = new LongAdder();

    /** The slots taken under {@link #maxDistinct}, reserved before an entry is put. */
    private final AtomicInteger distinct = new AtomicInteger();

    private final AtomicBoolean overflowLogged = new AtomicBoolean();

    /** The entries kept for an origin the compared policy refuses, each under its own origin. */
    private final AtomicInteger refusedOrigins = new AtomicInteger();

    private volatile Instant since = Instant.now();

    private volatile SpringScope springScope = SpringScope.UNKNOWN;

    /**
     * A report.
     *
     * @param maxDistinct how many distinct differences to keep ({@code app.cors.shadow.max-distinct})
     */
    public ShadowReport(int maxDistinct) {
        Assert.isTrue(maxDistinct >= 0, "'maxDistinct' must not be negative");
        this.maxDistinct = maxDistinct;
    }

    /**
     * Compares a candidate's decision with the enforced policy's, as a browser would read each, and records where
     * its verdict would differ. Where the two agree, nothing is allocated.
     *
     * @param policy the policy's name
     * @param request the request
     * @param decision the enforced policy's decision
     * @param candidate the candidate's decision
     * @param observer told of a difference, or {@code null}
     */
    public void compareCandidate(String policy, ServerCorsRequest request, CorsDecision decision,
            CorsDecision candidate, @Nullable CorsDecisionObserver observer) {
        CorsDifference difference = CorsDifference.between(request, decision, candidate);
        if (difference != null) {
            report(policy, Comparison.CANDIDATE, difference, request, decision, candidate, observer);
        }
        // Counted once reported, so that a request counted is a request whose difference is in the report.
        this.candidateRequests.increment();
    }

    /**
     * Compares a decision made in shadow mode with the answer the application sent instead, as a browser would read
     * each, and records where its verdict would differ. Where the two agree, nothing is allocated.
     *
     * @param policy the policy's name
     * @param request the request
     * @param sent the response as the application sent it
     * @param decision the shadow policy's decision
     * @param observer told of a difference, or {@code null}
     */
    public void compareShadow(String policy, ServerCorsRequest request, CorsAnswer sent, CorsDecision decision,
            @Nullable CorsDecisionObserver observer) {
        if (decision.kind() == CorsDecision.Kind.NOT_CORS) {
            return;
        }
        CorsDifference difference = CorsDifference.between(request, sent, decision);
        if (difference != null) {
            report(policy, Comparison.SHADOW, difference, request, sent, decision, observer);
        }
        this.shadowRequests.increment();
    }

    private void report(String policy, Comparison comparison, CorsDifference difference, ServerCorsRequest request,
            CorsAnswer sent, CorsDecision decision, @Nullable CorsDecisionObserver observer) {
        try {
            record(policy, comparison, difference, request, sent, decision);
            if (observer != null) {
                observer.difference(policy, comparison, difference);
            }
        }
        catch (RuntimeException ex) {
            // A report must never fail the request it reports on.
            logger.warn("CORS " + noun(comparison) + " difference not reported: " + ex);
        }
    }

    /**
     * Records a difference: counted under its key, logged at WARN the first time the key is seen.
     *
     * @param policy the policy's name
     * @param comparison what was compared
     * @param difference the difference
     * @param request the request
     * @param sent the answer it got
     * @param decision the compared policy's decision
     */
    private void record(String policy, Comparison comparison, CorsDifference difference, ServerCorsRequest request,
            CorsAnswer sent, CorsDecision decision) {
        String origin = escaped(request.header(CorsHeaders.ORIGIN));
        String method = escaped((difference.kind() == CorsDecision.Kind.PREFLIGHT)
                ? request.header(CorsHeaders.ACCESS_CONTROL_REQUEST_METHOD) : request.method());
        String key = policy + '\n' + comparison + '\n' + difference + '\n' + method + '\n' + origin;
        long now = System.currentTimeMillis();
        Entry entry = this.entries.get(key);
        // A slot among those of origins the policy refuses, reserved before an entry is put, as distinct's are.
        boolean reserved = false;
        if (entry == null && decision.refusal() == CorsDecision.Refusal.ORIGIN) {
            if (this.refusedOrigins.incrementAndGet() > maxRefusedOrigins()) {
                // Any client can send made-up origins: past their share, those the policy refuses are counted under
                // one entry per difference, so that they neither crowd out the others nor log a line each.
                this.refusedOrigins.decrementAndGet();
                origin = OTHER_REFUSED_ORIGINS;
                key = policy + '\n' + comparison + '\n' + difference + '\n' + method + '\n' + origin;
                entry = this.entries.get(key);
            }
            else {
                reserved = true;
            }
        }
        if (entry == null) {
            if (this.distinct.incrementAndGet() > this.maxDistinct) {
                this.distinct.decrementAndGet();
                if (reserved) {
                    this.refusedOrigins.decrementAndGet();
                }
                this.overflow.increment();
                if (this.overflowLogged.compareAndSet(false, true)) {
                    logger.warn("CORS " + noun(comparison) + ": " + this.maxDistinct + " distinct differences are"
                            + " kept (app.cors.shadow.max-distinct); further ones are only counted. Read them in the"
                            + " actuator's cors endpoint, fix the policy, then reset the report (DELETE on the"
                            + " endpoint).");
                }
                return;
            }
            String words = difference.describe(request, sent, decision, comparison == Comparison.CANDIDATE,
                    request.path().value());
            if (comparison == Comparison.SHADOW) {
                words += this.springScope.advice(request.path().pathWithinApplication(), difference);
            }
            if (origin == OTHER_REFUSED_ORIGINS) {
                words = "Beyond the first " + maxRefusedOrigins() + " origins the policy refuses, every other is counted"
                        + " here; the first of them: " + words;
            }
            Entry created = new Entry(policy, comparison, difference, method, origin, example(request), words, now);
            entry = this.entries.putIfAbsent(key, created);
            if (entry != null) {
                // Another request put the same key first: its slots are the ones used.
                this.distinct.decrementAndGet();
                if (reserved) {
                    this.refusedOrigins.decrementAndGet();
                }
            }
            else {
                entry = created;
                logger.warn("CORS " + noun(comparison) + ", policy '" + policy + "': " + created.reason
                        + " Logged once for this policy, origin, method and verdict; every occurrence is counted in"
                        + " the actuator's cors endpoint and the metric cors.shadow.differences.");
            }
        }
        entry.count.increment();
        entry.lastSeen = now;
    }

    private static String noun(Comparison comparison) {
        return (comparison == Comparison.SHADOW) ? "shadow mode" : "candidate policy";
    }

    private static String example(ServerCorsRequest request) {
        StringBuilder out = new StringBuilder(escaped(request.method())).append(' ')
            .append(escaped(request.path().value()));
        for (String name : CorsHeaders.REQUEST_HEADERS) {
            String value = request.header(name);
            if (value != null) {
                out.append(", ").append(name).append(": ").append(escaped(value));
            }
        }
        if (request.header("Cookie") != null) {
            out.append(", Cookie: (present)");
        }
        return out.toString();
    }

    /** A request value as the report keeps it: control and non-ASCII characters escaped, cut to length. */
    static String escaped(@Nullable String value) {
        return (value != null) ? CorsDecision.forLog(value) : "(none)";
    }

    /**
     * Where Spring's own CORS configuration applies, as the web adapter found it at startup: the advice of a difference
     * then names a per-path policy where Spring's answer came from configuration confined to some paths.
     *
     * @param scope the paths Spring's configuration covers
     */
    public void springScope(SpringScope scope) {
        Assert.notNull(scope, "'scope' must not be null");
        this.springScope = scope;
    }

    /**
     * How many entries origins the compared policy refuses may take, each under its own origin: a tenth of
     * {@code max-distinct}, at least one, so that a flood of made-up origins leaves the rest for the differences
     * that matter.
     */
    private int maxRefusedOrigins() {
        return Math.max(1, this.maxDistinct / 10);
    }

    /** Forgets every difference and count, and starts again from now: after the policy was fixed. */
    public void reset() {
        this.entries.clear();
        this.distinct.set(0);
        this.refusedOrigins.set(0);
        this.shadowRequests.reset();
        this.candidateRequests.reset();
        this.overflow.reset();
        this.overflowLogged.set(false);
        this.since = Instant.now();
    }

    /** What the report holds now, most frequent difference first. */
    public Snapshot snapshot() {
        List<Difference> differences = new ArrayList<>();
        long total = 0;
        for (Entry entry : this.entries.values()) {
            long count = entry.count.sum();
            total += count;
            differences.add(new Difference(entry.policy, entry.comparison, entry.difference, entry.method,
                    entry.origin, count, Instant.ofEpochMilli(entry.firstSeen), Instant.ofEpochMilli(entry.lastSeen),
                    entry.example, entry.reason));
        }
        differences.sort(Comparator.comparingLong(Difference::count).reversed()
            .thenComparing(Difference::firstSeen));
        long overflow = this.overflow.sum();
        return new Snapshot(this.since, this.shadowRequests.sum(), this.candidateRequests.sum(), total + overflow,
                overflow, List.copyOf(differences));
    }

    /**
     * The report at one moment.
     *
     * @param since when counting started (startup, or the last reset)
     * @param shadowRequests how many CORS requests were compared with the application's answers
     * @param candidateRequests how many CORS requests were compared with a candidate's answers
     * @param differenceCount how many of them differed, overflow included
     * @param overflow how many differed under a key beyond {@code app.cors.shadow.max-distinct}
     * @param differences the distinct differences kept
     */
    public record Snapshot(Instant since, long shadowRequests, long candidateRequests, long differenceCount,
            long overflow, List<Difference> differences) {

        /**
         * One line a team reads before switching: {@code 0 differences in 1532 requests since ...}.
         *
         * @return the summary
         */
        public String summary() {
            long requests = this.shadowRequests + this.candidateRequests;
            return this.differenceCount + ((this.differenceCount == 1) ? " difference" : " differences") + " in "
                    + requests + ((requests == 1) ? " CORS request" : " CORS requests") + " compared since "
                    + this.since;
        }

    }

    /**
     * One distinct difference.
     *
     * @param policy the policy's name
     * @param comparison shadow mode, or a candidate
     * @param difference the request kind, verdict and aspect
     * @param method the request's method (a preflight's requested one), escaped
     * @param origin the request's origin, escaped
     * @param count how many requests
     * @param firstSeen the first time
     * @param lastSeen the last time
     * @param example the first request, as a person reads it
     * @param reason what differs, and the property to change
     */
    public record Difference(String policy, Comparison comparison, CorsDifference difference, String method,
            String origin, long count, Instant firstSeen, Instant lastSeen, String example, String reason) {
    }

    /**
     * The paths where Spring's own CORS configuration answers ({@code @CrossOrigin} on a handler, the paths of
     * {@code addCorsMappings} or of a {@code UrlBasedCorsConfigurationSource}), each with what declared it.
     *
     * @param parts the patterns and what declared each
     * @param everywhere what answers every path ("CorsFilter bean 'corsFilter'"), or {@code null} when nothing does
     */
    public record SpringScope(List<Part> parts, @Nullable String everywhere) {

        /** Nothing is known of Spring's configuration: no advice. */
        static final SpringScope UNKNOWN = new SpringScope(List.of(), "");

        public SpringScope {
            parts = List.copyOf(parts);
        }

        /**
         * One pattern of Spring's configuration.
         *
         * @param pattern the path pattern, as the handler mapping parsed it
         * @param source what declared it, as a person names it ("@CrossOrigin on OrderController#update")
         */
        public record Part(PathPattern pattern, String source) {
        }

        /**
         * A sentence that follows a difference's words where Spring's answer for the path came from configuration
         * confined to some paths, so that the fix goes into a per-path policy, not into a setting of every path.
         */
        String advice(PathContainer path, CorsDifference difference) {
            // Only where following the words would change every path: widening the policy to keep a client working
            // (would break), or keeping closed what the policy opens (would open).
            if (this.parts.isEmpty() || (difference.verdict() != CorsDifference.Verdict.WOULD_BREAK
                    && difference.verdict() != CorsDifference.Verdict.WOULD_OPEN)) {
                return "";
            }
            for (Part part : this.parts) {
                if (!part.pattern().matches(path)) {
                    continue;
                }
                if (difference.verdict() == CorsDifference.Verdict.WOULD_BREAK) {
                    String patterns = patternsOf(part.source());
                    return " Spring's own CORS answered this path from " + part.source() + " (" + patterns
                            + "), not every path: make the change in a per-path policy for "
                            + (patterns.contains(",") ? "those paths" : patterns)
                            + " (app.cors.policies[n].path-patterns), so that the rest of the application keeps"
                            + " its answer.";
                }
                return "";
            }
            if (this.everywhere == null && difference.verdict() == CorsDifference.Verdict.WOULD_OPEN) {
                return " Spring's own CORS covers only some paths (" + describe() + "), and not this one: to keep it"
                        + " closed, give the origin to per-path policies for those paths rather than to every path.";
            }
            return "";
        }

        /** The patterns one declaration answers, the first few in their order as text. */
        private String patternsOf(String source) {
            TreeSet<String> patterns = new TreeSet<>();
            for (Part part : this.parts) {
                if (part.source().equals(source)) {
                    patterns.add(part.pattern().getPatternString());
                }
            }
            List<String> first = patterns.stream().limit(5).toList();
            return String.join(", ", first)
                    + ((patterns.size() > first.size()) ? " and " + (patterns.size() - first.size()) + " more" : "");
        }

        private String describe() {
            TreeSet<String> names = new TreeSet<>();
            for (Part part : this.parts) {
                names.add(part.source() + " " + part.pattern().getPatternString());
            }
            List<String> first = names.stream().limit(3).toList();
            return String.join(", ", first) + ((names.size() > first.size()) ? ", ..." : "");
        }

    }

    private static final class Entry {

        final String policy;

        final Comparison comparison;

        final CorsDifference difference;

        final String method;

        final String origin;

        final String example;

        final String reason;

        final long firstSeen;

        final LongAdder count = new LongAdder();

        volatile long lastSeen;

        Entry(String policy, Comparison comparison, CorsDifference difference, String method, String origin,
                String example, String reason, long firstSeen) {
            this.policy = policy;
            this.comparison = comparison;
            this.difference = difference;
            this.method = method;
            this.origin = origin;
            this.example = example;
            this.reason = reason;
            this.firstSeen = firstSeen;
            this.lastSeen = firstSeen;
        }

    }

}
