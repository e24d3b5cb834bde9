package dev.fetchcors.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Turns the raw results of {@code benchmarks/run} ({@code jmh.json}, {@code http.tsv}) into {@code tables.md}, with
 * each target of the benchmarks issue marked met or missed, and {@code overview.png}.
 *
 * <p>Usage: {@code java -cp ... dev.fetchcors.benchmarks.Report benchmarks/results}
 */
public final class Report {

    /** Ours, Spring's, the pass-through, the Vary-only filter, ours without the WebSocket support. */
    private static final String[] SERVLET = { "fetchCorsFilter", "springCorsFilter", "passThroughFilter",
        "varyOnlyFilter", "fetchCorsFilterWithoutWebSocket" };

    private static final String[] REACTIVE = { "fetchCorsWebFilter", "springCorsWebFilter", "passThroughWebFilter",
        "varyOnlyWebFilter", "fetchCorsWebFilterWithoutWebSocket" };

    /** Ours, Spring's and the pass-through after ForwardedHeaderTransformer ({@link WebFilterSlowPathBenchmark}). */
    private static final String[] SLOW_PATH = { "fetchCorsWebFilterForwarded", "springCorsWebFilterForwarded",
        "passThroughWebFilterForwarded" };

    /** The scenarios the targets of the WebFilter and the engine name. */
    private static final Scenario[] ORDINARY = { Scenario.NO_ORIGIN, Scenario.ACTUAL, Scenario.PREFLIGHT,
        Scenario.PREFLIGHT_REFUSED_ORIGIN };

    private static final String[] HTTP_STACKS = { "mvc", "webflux" };

    private static final String[] HTTP_PROFILES = { "fetchcors", "spring", "none" };

    private static final String[] HTTP_KINDS = { "not-cors", "actual", "preflight", "preflight-refused" };

    private static final Color OURS = new Color(0x1F, 0x6F, 0xB4);

    private static final Color SPRING = new Color(0xE8, 0x7D, 0x1E);

    private static final Color BASELINE = new Color(0x9A, 0x9A, 0x9A);

    /**
     * Score and allocation of one benchmark method in one scenario: the mean of the measured iterations with JMH's
     * error, and the best (lowest) iteration. On a shared machine a burst of other work slows some iterations of
     * one contender and not the others; the best iteration is the estimate least disturbed by it, so the targets
     * compare best iterations, and the tables show both.
     */
    record Score(double nanos, double error, double best, double bytes, double[] forkBests) {
    }

    /** The rounds of one app and request kind in http.tsv. */
    record Load(String stack, String profile, String kind, double perSecond, double p50, double p99, long requests,
            long non2xx, long socketErrors, int rounds) {
    }

    private final Map<String, Score> scores = new LinkedHashMap<>();

    private final List<Load> loads = new ArrayList<>();

    /** Requests/s of every round, by stack, profile, kind and round. */
    private final Map<String, Double> rounds = new LinkedHashMap<>();

    private Report() {
    }

    public static void main(String[] args) throws IOException {
        Path results = Path.of((args.length > 0) ? args[0] : "benchmarks/results");
        Report report = new Report();
        report.readJmh(results.resolve("jmh.json"));
        report.readHttp(results.resolve("http.tsv"));
        Files.writeString(results.resolve("tables.md"), report.tables(), StandardCharsets.UTF_8);
        ImageIO.write(report.chart(), "png", results.resolve("overview.png").toFile());
        System.out.println("Wrote " + results.resolve("tables.md") + " and " + results.resolve("overview.png"));
    }

    private void readJmh(Path json) throws IOException {
        if (!Files.exists(json)) {
            return;
        }
        for (JsonNode run : new ObjectMapper().readTree(json.toFile())) {
            String benchmark = run.get("benchmark").asString();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            String scenario = run.path("params").path("scenario").asString();
            JsonNode primary = run.get("primaryMetric");
            JsonNode alloc = run.path("secondaryMetrics").path("gc.alloc.rate.norm");
            double bytes = alloc.isMissingNode() ? Double.NaN : number(alloc.get("score"));
            double best = Double.NaN;
            List<Double> forkBests = new ArrayList<>();
            for (JsonNode fork : primary.path("rawData")) {
                double forkBest = Double.NaN;
                for (JsonNode iteration : fork) {
                    forkBest = Double.isNaN(forkBest) ? iteration.asDouble() : Math.min(forkBest, iteration.asDouble());
                }
                forkBests.add(forkBest);
                best = Double.isNaN(best) ? forkBest : Math.min(best, forkBest);
            }
            this.scores.put(key(method, scenario), new Score(number(primary.get("score")),
                    number(primary.get("scoreError")), best, bytes,
                    forkBests.stream().mapToDouble(Double::doubleValue).toArray()));
        }
    }

    /** JMH writes "NaN" as a string, for example the error of a single iteration. */
    private static double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : Double.NaN;
    }

    /** One {@link Load} per app and request kind: the median of its rounds, and every request of every round. */
    private void readHttp(Path tsv) throws IOException {
        if (!Files.exists(tsv)) {
            return;
        }
        List<String> lines = Files.readAllLines(tsv);
        Map<String, List<String[]>> rounds = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            rounds.computeIfAbsent(f[0] + "\t" + f[1] + "\t" + f[2], (k) -> new ArrayList<>()).add(f);
            this.rounds.put(String.join("\t", f[0], f[1], f[2], f[3]), Double.parseDouble(f[4]));
        }
        for (List<String[]> runs : rounds.values()) {
            String[] first = runs.get(0);
            this.loads.add(new Load(first[0], first[1], first[2], median(runs, 4), median(runs, 5), median(runs, 6),
                    sum(runs, 7), sum(runs, 8), sum(runs, 9), runs.size()));
        }
    }

    /**
     * The median over the rounds of one app's requests/s divided by another's in the same round: the apps of a
     * stack are loaded at the same time, so the ratio of one round is free of what changed between rounds.
     */
    private double pairedRatio(String stack, String kind, String profile, String other) {
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; ; round++) {
            Double ours = this.rounds.get(String.join("\t", stack, profile, kind, String.valueOf(round)));
            Double theirs = this.rounds.get(String.join("\t", stack, other, kind, String.valueOf(round)));
            if (ours == null || theirs == null) {
                break;
            }
            ratios.add(ours / theirs);
        }
        if (ratios.isEmpty()) {
            return Double.NaN;
        }
        ratios.sort(null);
        int middle = ratios.size() / 2;
        return (ratios.size() % 2 == 1) ? ratios.get(middle) : (ratios.get(middle - 1) + ratios.get(middle)) / 2;
    }

    private static double median(List<String[]> runs, int column) {
        double[] values = runs.stream().mapToDouble((f) -> Double.parseDouble(f[column])).sorted().toArray();
        int middle = values.length / 2;
        return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static long sum(List<String[]> runs, int column) {
        return runs.stream().mapToLong((f) -> Long.parseLong(f[column])).sum();
    }

    private static String key(String method, String scenario) {
        return method + "/" + scenario;
    }

    private Score score(String method, Scenario scenario) {
        return this.scores.get(key(method, scenario.name()));
    }

    private Load load(String stack, String profile, String kind) {
        for (Load load : this.loads) {
            if (load.stack().equals(stack) && load.profile().equals(profile) && load.kind().equals(kind)) {
                return load;
            }
        }
        return null;
    }

    // Tables

    private String tables() {
        StringBuilder md = new StringBuilder();
        md.append("<!-- Written by dev.fetchcors.benchmarks.Report from jmh.json and http.tsv. -->\n\n");
        md.append("### The engine alone (`CoreBenchmark`)\n\n");
        md.append("| scenario | ns/op | bytes/op |\n|---|---:|---:|\n");
        for (Scenario scenario : Scenario.values()) {
            Score core = score("evaluate", scenario);
            if (core != null) {
                md.append("| ").append(name(scenario)).append(" | ").append(nanos(core)).append(" | ")
                    .append(bytes(core.bytes())).append(" |\n");
            }
        }
        filterTable(md, "### Servlet filter beside Spring's `CorsFilter` (`ServletFilterBenchmark`)", SERVLET,
                "`CorsFilter`");
        filterTable(md, "### WebFilter beside Spring's `CorsWebFilter` (`WebFilterBenchmark`)", REACTIVE,
                "`CorsWebFilter`");
        slowPathTable(md);
        httpTable(md);
        targets(md);
        return md.toString();
    }

    private void filterTable(StringBuilder md, String title, String[] methods, String spring) {
        md.append("\n").append(title).append("\n\n");
        md.append("Mean ± error (ns/op), then bytes per call. \"Added\" is what each filter adds to the pass-through, ")
            .append("from the best iteration of each; the ratio is Spring's added cost over ours.\n\n");
        md.append("| scenario | Fetch CORS | Spring ").append(spring).append(" | pass-through | Vary only ")
            .append("| Fetch CORS without WebSocket | Fetch CORS B | Spring B | pass-through B ")
            .append("| added: Fetch CORS | added: Spring | Spring ÷ Fetch CORS, added |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Scenario scenario : Scenario.values()) {
            Score ours = score(methods[0], scenario);
            Score theirs = score(methods[1], scenario);
            Score none = score(methods[2], scenario);
            if (ours == null || theirs == null || none == null) {
                continue;
            }
            Score vary = score(methods[3], scenario);
            Score noWebSocket = score(methods[4], scenario);
            md.append("| ").append(name(scenario)).append(" | ").append(nanos(ours)).append(" | ")
                .append(nanos(theirs)).append(" | ").append(nanos(none)).append(" | ")
                .append((vary != null) ? nanos(vary) : "").append(" | ")
                .append((noWebSocket != null) ? nanos(noWebSocket) : "").append(" | ").append(bytes(ours.bytes()))
                .append(" | ").append(bytes(theirs.bytes())).append(" | ").append(bytes(none.bytes())).append(" | ")
                .append(shortNanos(added(ours, none))).append(" | ").append(shortNanos(added(theirs, none)))
                .append(" | ").append(ratio(added(theirs, none) / added(ours, none))).append(" |\n");
        }
    }

    /**
     * The WebFilter when a filter before it mutated the request, beside its fast path. The spread pairs the forks
     * of a contender with the pass-through's in the order they ran (each fork is a JVM of its own, so the pairing
     * is by time, not by JVM): it shows how far one fork's answer may stray from the best-of-all-forks figure.
     */
    private void slowPathTable(StringBuilder md) {
        StringBuilder rows = new StringBuilder();
        for (Scenario scenario : Scenario.values()) {
            Score ours = score(SLOW_PATH[0], scenario);
            Score theirs = score(SLOW_PATH[1], scenario);
            Score none = score(SLOW_PATH[2], scenario);
            if (ours == null || theirs == null || none == null) {
                continue;
            }
            Score fastOurs = score(REACTIVE[0], scenario);
            Score fastNone = score(REACTIVE[2], scenario);
            rows.append("| ").append(name(scenario)).append(" | ").append(nanos(none)).append(" | ")
                .append(shortNanos(added(ours, none))).append(forkSpread(ours, none)).append(" | ")
                .append(shortNanos(added(theirs, none))).append(forkSpread(theirs, none)).append(" | ")
                .append(ratio(added(theirs, none) / added(ours, none))).append(" | ")
                .append(format("%+,.0f", ours.bytes() - none.bytes())).append(" / ")
                .append(format("%+,.0f", theirs.bytes() - none.bytes())).append(" | ")
                .append((fastOurs != null && fastNone != null) ? shortNanos(added(fastOurs, fastNone)) : "")
                .append(" |\n");
        }
        if (rows.isEmpty()) {
            return;
        }
        md.append("\n### WebFilter after `ForwardedHeaderTransformer`: the slow path (`WebFilterSlowPathBenchmark`)")
            .append("\n\n");
        md.append("The request as a proxy forwards it, mutated by Spring's `ForwardedHeaderTransformer` before the ")
            .append("exchange is built, so the starter reads it through Spring's `HttpHeaders`. The pass-through is ")
            .append("the fixture, the transformer included (ns/op). \"Added\" is each ")
            .append("filter's best iteration minus the pass-through's over the same mutated exchange; in brackets, ")
            .append("the lowest and highest of the same difference fork by fork. The last column is the starter's ")
            .append("fast path from the table above.\n\n");
        md.append("| scenario | pass-through, mean ± error | added: Fetch CORS | added: Spring `CorsWebFilter` ")
            .append("| Spring ÷ Fetch CORS | bytes added, Fetch CORS / Spring | added: Fetch CORS, fast path |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n").append(rows);
    }

    private static String forkSpread(Score filter, Score passThrough) {
        int forks = Math.min(filter.forkBests().length, passThrough.forkBests().length);
        if (forks < 2) {
            return "";
        }
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = 0; i < forks; i++) {
            double added = filter.forkBests()[i] - passThrough.forkBests()[i];
            min = Math.min(min, added);
            max = Math.max(max, added);
        }
        return " (" + shortNanos(min) + " to " + shortNanos(max) + ")";
    }

    private void httpTable(StringBuilder md) {
        if (this.loads.isEmpty()) {
            return;
        }
        md.append("\n### Over HTTP under `wrk` (loopback): Spring MVC on Tomcat, Spring WebFlux on Reactor Netty\n\n");
        md.append("The three apps of a stack are loaded at the same time (one `wrk` each), round after round. ")
            .append("Requests/s and latencies are the median of ").append(this.loads.get(0).rounds())
            .append(" rounds; \"vs no CORS\" is the median of the rounds' ratios; requests and non-2xx answers ")
            .append("are summed over all rounds. A refused preflight is answered 403 by both CORS filters, and 200 ")
            .append("by the app without CORS.\n\n");
        md.append("| stack | request | app | requests/s | vs no CORS | p50 ms | p99 ms | requests | non-2xx ")
            .append("| socket errors |\n");
        md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String stack : HTTP_STACKS) {
            for (String kind : HTTP_KINDS) {
                Load baseline = load(stack, "none", kind);
                for (String profile : HTTP_PROFILES) {
                    Load load = load(stack, profile, kind);
                    if (load != null) {
                        md.append("| ").append(stackName(stack)).append(" | ").append(kind).append(" | ")
                            .append(appName(stack, profile)).append(" | ").append(format("%,.0f", load.perSecond()))
                            .append(" | ")
                            .append((baseline != null && !profile.equals("none"))
                                    ? format("%+.1f%%", 100 * (pairedRatio(stack, kind, profile, "none") - 1)) : "")
                            .append(" | ").append(format("%.2f", load.p50())).append(" | ")
                            .append(format("%.2f", load.p99())).append(" | ").append(format("%,d", load.requests()))
                            .append(" | ").append(load.non2xx()).append(" | ").append(load.socketErrors())
                            .append(" |\n");
                    }
                }
            }
        }
    }

    private void targets(StringBuilder md) {
        md.append("\n### Targets\n\n| target | measured | |\n|---|---|---|\n");
        for (Scenario scenario : new Scenario[] { Scenario.NO_ORIGIN, Scenario.ACTUAL,
                Scenario.PREFLIGHT_REFUSED_ORIGIN, Scenario.PREFLIGHT }) {
            Score core = score("evaluate", scenario);
            if (core != null) {
                target(md, "engine: no allocation, " + name(scenario)
                        + ((scenario == Scenario.PREFLIGHT) ? " (its answer echoes nothing)" : ""),
                        bytes(core.bytes()) + " B/op", core.bytes() < 1);
            }
        }
        // WebFilter: at most a third of what Spring's CorsWebFilter adds, in the four ordinary scenarios.
        for (Scenario scenario : ORDINARY) {
            Score ours = score(REACTIVE[0], scenario);
            Score theirs = score(REACTIVE[1], scenario);
            Score none = score(REACTIVE[2], scenario);
            if (ours != null && theirs != null && none != null) {
                double oursAdded = added(ours, none);
                double theirsAdded = added(theirs, none);
                target(md, "WebFilter, " + name(scenario) + ": adds at most a third of what `CorsWebFilter` adds",
                        format("%s vs %s (%s); bytes %+,.0f vs %+,.0f", shortNanos(oursAdded),
                                shortNanos(theirsAdded), ratio(theirsAdded / oursAdded),
                                ours.bytes() - none.bytes(), theirs.bytes() - none.bytes()),
                        oursAdded <= theirsAdded / 3);
            }
        }
        // Servlet: at least 4x cheaper than CorsFilter in every scenario.
        for (Scenario scenario : Scenario.values()) {
            Score ours = score(SERVLET[0], scenario);
            Score theirs = score(SERVLET[1], scenario);
            Score none = score(SERVLET[2], scenario);
            if (ours != null && theirs != null && none != null) {
                double ratio = added(theirs, none) / added(ours, none);
                target(md, "servlet, " + name(scenario) + ": at least 4x cheaper than `CorsFilter` (added cost)",
                        format("%s vs %s (%s)", shortNanos(added(ours, none)), shortNanos(added(theirs, none)),
                                ratio(ratio)),
                        ratio >= 4);
            }
        }
        Score ours = score(SERVLET[0], Scenario.NO_ORIGIN);
        Score none = score(SERVLET[2], Scenario.NO_ORIGIN);
        Score vary = score(SERVLET[3], Scenario.NO_ORIGIN);
        if (ours != null && none != null && vary != null) {
            double bound = 2 * none.best() + Math.max(0, vary.best() - none.best());
            target(md, "servlet, no origin: at most twice the do-nothing filter plus the cost of writing `Vary`",
                    format("%s vs 2 × %s + %s = %s", shortNanos(ours.best()), shortNanos(none.best()),
                            shortNanos(Math.max(0, vary.best() - none.best())), shortNanos(bound)),
                    ours.best() <= bound);
        }
        // The WebSocket support costs requests that are not handshakes nothing.
        for (String[] methods : new String[][] { SERVLET, REACTIVE }) {
            for (Scenario scenario : new Scenario[] { Scenario.NO_ORIGIN, Scenario.ACTUAL }) {
                Score with = score(methods[0], scenario);
                Score without = score(methods[4], scenario);
                Score pass = score(methods[2], scenario);
                if (with != null && without != null && pass != null) {
                    double difference = with.best() - without.best();
                    target(md, label(methods[0]) + ", " + name(scenario)
                            + ": the WebSocket support costs nothing (within 10 ns or 5% of the added cost)",
                            format("%s with, %s without (%+.0f ns); bytes %,.0f and %,.0f", shortNanos(with.best()),
                                    shortNanos(without.best()), difference, with.bytes(), without.bytes()),
                            difference <= Math.max(10, 0.05 * added(without, pass))
                                    && with.bytes() <= without.bytes() + 1);
                }
            }
        }
        for (String method : new String[] { "evaluate", SERVLET[0], REACTIVE[0] }) {
            flat(md, method);
            hostile(md, method);
        }
        for (String stack : HTTP_STACKS) {
            for (String kind : HTTP_KINDS) {
                Load fetchCors = load(stack, "fetchcors", kind);
                Load spring = load(stack, "spring", kind);
                Load baseline = load(stack, "none", kind);
                if (fetchCors != null && spring != null && baseline != null) {
                    double vsNone = pairedRatio(stack, kind, "fetchcors", "none");
                    double vsSpring = pairedRatio(stack, kind, "fetchcors", "spring");
                    target(md, "HTTP, " + stackName(stack) + ", " + kind
                            + ": requests/s within 2% of no CORS, and at or above Spring's",
                            format("%+.1f%% vs no CORS, %+.1f%% vs Spring's (%,.0f, %,.0f and %,.0f/s; p99 %.2f, %.2f"
                                    + " and %.2f ms)", 100 * (vsNone - 1), 100 * (vsSpring - 1),
                                    fetchCors.perSecond(), baseline.perSecond(), spring.perSecond(),
                                    fetchCors.p99(), baseline.p99(), spring.p99()),
                            vsNone >= 0.98 && vsSpring >= 1);
                }
            }
        }
        if (!this.loads.isEmpty()) {
            long unexpected = 0;
            long errors = 0;
            for (Load load : this.loads) {
                errors += load.socketErrors();
                boolean refusedByCors = load.kind().equals("preflight-refused") && !load.profile().equals("none");
                unexpected += refusedByCors ? (load.requests() - load.non2xx()) : load.non2xx();
            }
            target(md, "HTTP: no unexpected status and no socket error (every refused preflight 403 with CORS)",
                    unexpected + " unexpected statuses, " + errors + " socket errors", unexpected == 0 && errors == 0);
        }
    }

    /**
     * What a filter adds to the pass-through, from the best iterations; 0 when noise leaves it at or below 0 (a
     * filter cannot cost less than calling the chain: its cost is then below what this run can resolve).
     */
    private static double added(Score filter, Score passThrough) {
        return Math.max(0, filter.best() - passThrough.best());
    }

    private void flat(StringBuilder md, String method) {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (Scenario scenario : new Scenario[] { Scenario.ACTUAL_1_ORIGIN, Scenario.ACTUAL_100_ORIGINS,
                Scenario.ACTUAL_10000_ORIGINS }) {
            Score score = score(method, scenario);
            if (score == null) {
                return;
            }
            min = Math.min(min, score.best());
            max = Math.max(max, score.best());
        }
        target(md, label(method) + ": 1 to 10,000 origins flat (within 1.5x)",
                format("%,.0f to %,.0f ns/op (%.2fx)", min, max, max / min), max <= 1.5 * min);
    }

    private void hostile(StringBuilder md, String method) {
        Score preflight = score(method, Scenario.PREFLIGHT);
        Score commas = score(method, Scenario.PREFLIGHT_1024_COMMAS);
        Score names = score(method, Scenario.PREFLIGHT_1000_NAMES);
        if (preflight == null || commas == null || names == null) {
            return;
        }
        double worst = Math.max(commas.best(), names.best()) / preflight.best();
        target(md, label(method) + ": hostile preflight at most 5x an ordinary one",
                format("1,024 commas %.1fx, 1,000 names %.1fx", commas.best() / preflight.best(),
                        names.best() / preflight.best()),
                worst <= 5);
    }

    private static void target(StringBuilder md, String target, String measured, boolean met) {
        md.append("| ").append(target).append(" | ").append(measured).append(" | ").append(met ? "met" : "**missed**")
            .append(" |\n");
    }

    private static String label(String method) {
        return switch (method) {
            case "evaluate" -> "engine";
            case "fetchCorsFilter" -> "servlet";
            default -> "WebFilter";
        };
    }

    private static String appName(String stack, String profile) {
        return switch (profile) {
            case "fetchcors" -> "Fetch CORS starter";
            case "spring" -> stack.equals("mvc") ? "Spring `CorsFilter`" : "Spring `CorsWebFilter`";
            default -> "no CORS";
        };
    }

    private static String stackName(String stack) {
        return stack.equals("mvc") ? "MVC, Tomcat" : "WebFlux, Netty";
    }

    private static String name(Scenario scenario) {
        return scenario.name().toLowerCase(Locale.ROOT).replace('_', ' ').replace("10000", "10,000")
            .replace("1024", "1,024").replace("1000", "1,000");
    }

    private static String nanos(Score score) {
        if (Double.isNaN(score.error())) {
            return format((score.nanos() >= 100) ? "%,.0f" : "%.1f", score.nanos());
        }
        return (score.nanos() >= 100) ? format("%,.0f ± %,.0f", score.nanos(), score.error())
                : format("%.1f ± %.1f", score.nanos(), score.error());
    }

    private static String bytes(double bytes) {
        return Double.isNaN(bytes) ? "?" : (bytes < 1) ? "0" : format("%,.0f", bytes);
    }

    private static String ratio(double ratio) {
        if (Double.isNaN(ratio)) {
            return "n/a";
        }
        return Double.isInfinite(ratio) ? "∞: ours below the resolution" : format("%.1fx", ratio);
    }

    private static String format(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    // Chart

    private static final int WIDTH = 1600;

    private static final int BAR = 9;

    private static final int GROUP = 3 * BAR + 9;

    private BufferedImage chart() {
        int filterHeight = 60 + Scenario.values().length * GROUP + 40;
        int httpHeight = this.loads.isEmpty() ? 0 : 60 + HTTP_KINDS.length * GROUP + 40 + 100;
        BufferedImage image = new BufferedImage(WIDTH, 70 + filterHeight + httpHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
        g.drawString("Fetch CORS vs Spring's CORS filters: time per request (log scale, shorter is better)", 20, 32);
        legend(g, 20, 56, new String[] { "Fetch CORS", "Spring", "pass-through / no CORS" });
        filterPanel(g, 0, 70, WIDTH / 2, "Servlet filter (Tomcat's request and response), ns/op", SERVLET);
        filterPanel(g, WIDTH / 2, 70, WIDTH / 2, "WebFilter (Netty's headers), ns/op", REACTIVE);
        if (!this.loads.isEmpty()) {
            httpPanel(g, 70 + filterHeight);
        }
        g.dispose();
        return image;
    }

    private static void legend(Graphics2D g, int x, int y, String[] names) {
        Color[] colors = { OURS, SPRING, BASELINE };
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        for (int i = 0; i < names.length; i++) {
            g.setColor(colors[i]);
            g.fillRect(x, y - 11, 14, 12);
            g.setColor(Color.BLACK);
            g.drawString(names[i], x + 20, y);
            x += 40 + g.getFontMetrics().stringWidth(names[i]);
        }
    }

    private void filterPanel(Graphics2D g, int left, int top, int width, String title, String[] methods) {
        int labelWidth = 190;
        int plotLeft = left + labelWidth;
        int plotWidth = width - labelWidth - 90;
        double minLog = 1;  // 10 ns
        double maxLog = 6;  // 1 ms
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.setColor(Color.BLACK);
        g.drawString(title, left + 20, top + 24);
        int plotTop = top + 40;
        int plotBottom = plotTop + Scenario.values().length * GROUP;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int decade = (int) minLog; decade <= maxLog; decade++) {
            int x = plotLeft + (int) ((decade - minLog) / (maxLog - minLog) * plotWidth);
            g.setColor(new Color(0xE0, 0xE0, 0xE0));
            g.drawLine(x, plotTop, x, plotBottom);
            g.setColor(Color.DARK_GRAY);
            String tick = new String[] { "1 ns", "10 ns", "100 ns", "1 µs", "10 µs", "100 µs", "1 ms" }[decade];
            g.drawString(tick, x - g.getFontMetrics().stringWidth(tick) / 2, plotBottom + 16);
        }
        int y = plotTop;
        for (Scenario scenario : Scenario.values()) {
            groupLabel(g, name(scenario), plotLeft, y);
            for (int i = 0; i < 3; i++) {
                Score score = score(methods[i], scenario);
                if (score != null) {
                    double log = Math.log10(Math.max(score.nanos(), 10));
                    bar(g, plotLeft, y, i, (Math.min(log, maxLog) - minLog) / (maxLog - minLog) * plotWidth,
                            shortNanos(score.nanos()));
                }
            }
            y += GROUP;
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1));
        g.drawLine(plotLeft, plotTop, plotLeft, plotBottom);
    }

    private void httpPanel(Graphics2D g, int top) {
        double max = this.loads.stream().mapToDouble(Load::perSecond).max().orElse(1);
        int bottom = top;
        for (int s = 0; s < HTTP_STACKS.length; s++) {
            String stack = HTTP_STACKS[s];
            int left = s * WIDTH / 2;
            int labelWidth = 190;
            int plotLeft = left + labelWidth;
            int plotWidth = WIDTH / 2 - labelWidth - 170;
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.setColor(Color.BLACK);
            g.drawString((stack.equals("mvc") ? "Spring MVC on Tomcat" : "Spring WebFlux on Reactor Netty")
                    + " under wrk: requests/s, p99", left + 20, top + 24);
            int y = top + 40;
            for (String kind : HTTP_KINDS) {
                groupLabel(g, kind, plotLeft, y);
                for (int i = 0; i < HTTP_PROFILES.length; i++) {
                    Load load = load(stack, HTTP_PROFILES[i], kind);
                    if (load != null) {
                        bar(g, plotLeft, y, i, load.perSecond() / max * plotWidth,
                                format("%,.0f/s, p99 %.2f ms", load.perSecond(), load.p99()));
                    }
                }
                y += GROUP;
            }
            g.setColor(Color.GRAY);
            g.drawLine(plotLeft, top + 40, plotLeft, y);
            bottom = y;
        }
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        String[] notes = { "JMH: 1 fork, 3 warm-up + 5 measured iterations of 1 s (WebFilter: 3 forks of 10 + 2),"
                + " -prof gc; bars show the mean; targets compare the best iterations (tables.md);"
                + " raw data in jmh.json.",
                "The pass-through filter runs over the same fixtures: its time is the cost of the fixture.",
                "wrk: 1 thread, 16 connections, loopback; a stack's three apps loaded at once, median of the rounds"
                        + " (http.tsv). Machine and load average during the run: machine.txt." };
        for (int i = 0; i < notes.length; i++) {
            g.drawString(notes[i], 20, bottom + 30 + i * 20);
        }
    }

    private static void groupLabel(Graphics2D g, String name, int plotLeft, int y) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(name, plotLeft - 8 - g.getFontMetrics().stringWidth(name), y + GROUP / 2 + 2);
    }

    /** The bar of contender {@code index} (ours, Spring's, none) in the group at {@code y}, with its value. */
    private static void bar(Graphics2D g, int plotLeft, int y, int index, double length, String value) {
        int width = (int) Math.max(1, length);
        g.setColor(new Color[] { OURS, SPRING, BASELINE }[index]);
        g.fillRect(plotLeft, y + index * BAR, width, BAR - 1);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        g.drawString(value, plotLeft + width + 4, y + index * BAR + BAR - 1);
    }

    private static String shortNanos(double nanos) {
        if (Double.isNaN(nanos)) {
            return "n/a";
        }
        if (nanos >= 10_000) {
            return format("%.0f µs", nanos / 1000);
        }
        if (nanos >= 1000) {
            return format("%.1f µs", nanos / 1000);
        }
        return format("%.0f ns", nanos);
    }

}
