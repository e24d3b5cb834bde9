package dev.fetchcors.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The two halves of {@code benchmarks/run compare}: which benchmarks two builds of this module can both run, and
 * what the starter's filters cost in each, side by side.
 *
 * <p>On this kind of machine the speed changes by 2x between days, so figures from another day cannot say whether a
 * commit made a request slower. The comparison runs both builds' jars alternately in one sitting, and compares what
 * each jar's filter adds over the pass-through filter measured in the same run: the host's drift then falls on both
 * jars, and on the fixture as much as on the filter. Spring's filter is measured beside them; it is the same code in
 * both jars, so how far it moves between the jars is the part of a difference this run cannot tell from noise.
 *
 * <p>Contenders are found by their role, not their exact name, so that a commit whose benchmarks named a method
 * differently still compares: in each benchmark class, the method whose name starts with {@code fetchCors} (and is
 * not a variant {@code ...Without...}) is the starter, {@code spring...} is Spring's filter, {@code passThrough...}
 * the baseline.
 *
 * <pre>
 * java -cp benchmarks.jar dev.fetchcors.benchmarks.Compare plan DIR LIST_A LIST_B SCENARIOS REGEX...
 *     LIST_A, LIST_B: each jar's "-lp" output; SCENARIOS: comma-separated, or "all"; REGEX as JMH takes them.
 *     Writes DIR/plan.tsv (one JMH invocation a line: "scenario=..." TAB benchmark regexes, space-separated) and
 *     DIR/skipped.txt (what one jar has and the other has not).
 * java -cp benchmarks.jar dev.fetchcors.benchmarks.Compare report DIR OUT.md
 *     Reads DIR/meta.tsv and DIR/{a,b}-ROUND-GROUP.json; writes OUT.md and prints it.
 * </pre>
 */
public final class Compare {

    private static final String STARTER = "fetchCors";

    private static final String SPRING = "spring";

    private static final String PASS_THROUGH = "passThrough";

    /** Best iteration and bytes per operation of one method, scenario and run. */
    record Score(double best, double bytes) {
    }

    /** One benchmark class and scenario, in one jar and one run. */
    record Run(Score starter, Score passThrough, Score spring) {

        double added() {
            return this.starter.best() - this.passThrough.best();
        }

        double springAdded() {
            return (this.spring != null) ? this.spring.best() - this.passThrough.best() : Double.NaN;
        }

        double bytesAdded() {
            return this.starter.bytes() - this.passThrough.bytes();
        }

    }

    /** The median and the range of one figure over the runs of one jar. */
    record Spread(double median, double min, double max, int runs) {

        static Spread of(List<Double> values) {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).filter((v) -> !Double.isNaN(v))
                .sorted().toArray();
            if (sorted.length == 0) {
                return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
            }
            int middle = sorted.length / 2;
            double median = (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
            return new Spread(median, sorted[0], sorted[sorted.length - 1], sorted.length);
        }

    }

    private Compare() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length >= 5 && args[0].equals("plan")) {
            plan(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), args[4],
                    Arrays.asList(args).subList(5, args.length));
        }
        else if (args.length == 3 && args[0].equals("report")) {
            String report = report(Path.of(args[1]));
            Files.writeString(Path.of(args[2]), report, StandardCharsets.UTF_8);
            System.out.print(report);
        }
        else {
            System.err.println("usage: Compare plan DIR LIST_A LIST_B SCENARIOS REGEX... | Compare report DIR OUT.md");
            System.exit(2);
        }
    }

    // Plan

    /**
     * Benchmarks both jars list and the filters select, reduced to the three roles, each with the scenarios both
     * jars have for it; benchmarks that share their scenarios run in one JMH invocation.
     */
    private static void plan(Path dir, Path listA, Path listB, String scenarios, List<String> filters)
            throws IOException {
        Map<String, Set<String>> a = listed(listA);
        Map<String, Set<String>> b = listed(listB);
        List<Pattern> patterns = filters.stream().map(Pattern::compile).toList();
        Set<String> wanted = (scenarios.equals("all")) ? null : new LinkedHashSet<>(List.of(scenarios.split(",")));
        Set<String> skipped = new LinkedHashSet<>();
        Map<String, List<String>> groups = new LinkedHashMap<>();
        Set<String> classes = new LinkedHashSet<>();
        for (String benchmark : union(a.keySet(), b.keySet())) {
            if (patterns.stream().anyMatch((p) -> p.matcher(benchmark).find())) {
                classes.add(className(benchmark));
            }
        }
        for (String benchmarkClass : classes) {
            Map<String, String> rolesA = roles(a.keySet(), benchmarkClass);
            Map<String, String> rolesB = roles(b.keySet(), benchmarkClass);
            String name = simpleName(benchmarkClass);
            if (!rolesA.containsKey(STARTER) || !rolesA.containsKey(PASS_THROUGH) || !rolesB.containsKey(STARTER)
                    || !rolesB.containsKey(PASS_THROUGH)) {
                boolean inA = rolesA.containsKey(STARTER) && rolesA.containsKey(PASS_THROUGH);
                boolean inB = rolesB.containsKey(STARTER) && rolesB.containsKey(PASS_THROUGH);
                skipped.add(name + ((inA || inB) ? ": only in " + (inA ? "A" : "B")
                        : ": no starter's filter beside a pass-through"));
                continue;
            }
            List<String> methods = new ArrayList<>();
            Set<String> common = null;
            Set<String> all = new LinkedHashSet<>();
            for (String role : List.of(STARTER, PASS_THROUGH, SPRING)) {
                String inA = rolesA.get(role);
                String inB = rolesB.get(role);
                if (inA == null || inB == null) {
                    if (inA != null || inB != null) {
                        skipped.add(name + ": Spring's filter only in " + ((inA == null) ? "B" : "A"));
                    }
                    continue;
                }
                if (!inA.equals(inB)) {
                    // Both names are selected: each jar runs the one it has, the other matches nothing there.
                    methods.add(inB);
                }
                methods.add(inA);
                Set<String> both = intersection(a.get(inA), b.get(inB));
                for (String only : difference(union(a.get(inA), b.get(inB)), both)) {
                    skipped.add(name + ", " + only + ": only in " + (a.get(inA).contains(only) ? "A" : "B"));
                }
                all.addAll(union(a.get(inA), b.get(inB)));
                common = (common == null) ? both : intersection(common, both);
            }
            boolean parameterised = !all.isEmpty();
            Set<String> run = new LinkedHashSet<>(common);
            if (wanted != null && parameterised) {
                run.retainAll(wanted);
                for (String unknown : difference(wanted, all)) {
                    skipped.add(name + ", " + unknown + ": no such scenario in either jar");
                }
            }
            if (parameterised && run.isEmpty()) {
                skipped.add(name + ": none of the scenarios asked for is in both jars");
                continue;
            }
            String key = parameterised ? "scenario=" + String.join(",", run) : "-";
            for (String method : methods) {
                groups.computeIfAbsent(key, (k) -> new ArrayList<>()).add("^" + Pattern.quote(method) + "$");
            }
        }
        StringBuilder plan = new StringBuilder();
        groups.forEach((params, regexes) -> plan.append(params).append('\t').append(String.join(" ", regexes))
            .append('\n'));
        if (plan.isEmpty()) {
            throw new IllegalStateException("Nothing to compare: no benchmark matching " + filters
                    + " has the starter's filter and a pass-through in both jars; skipped: " + skipped);
        }
        Files.writeString(dir.resolve("plan.tsv"), plan, StandardCharsets.UTF_8);
        Files.write(dir.resolve("skipped.txt"), skipped, StandardCharsets.UTF_8);
        System.out.print(plan);
        skipped.forEach((line) -> System.out.println("skipped: " + line));
    }

    private static final Pattern PARAM = Pattern.compile("^\\s+param \"scenario\" = \\{(.*)}\\s*$");

    /** JMH's "-lp" listing: each benchmark with its scenarios (none when it takes no scenario). */
    private static Map<String, Set<String>> listed(Path list) throws IOException {
        Map<String, Set<String>> benchmarks = new LinkedHashMap<>();
        String current = null;
        for (String line : Files.readAllLines(list)) {
            Matcher param = PARAM.matcher(line);
            if (param.matches() && current != null) {
                for (String value : param.group(1).split(",")) {
                    benchmarks.get(current).add(value.trim());
                }
            }
            else if (!line.isBlank() && !Character.isWhitespace(line.charAt(0)) && line.contains(".")
                    && !line.contains(" ")) {
                current = line.trim();
                benchmarks.put(current, new LinkedHashSet<>());
            }
        }
        return benchmarks;
    }

    /** The method of each role in one class, by name; the shortest name wins where several start alike. */
    private static Map<String, String> roles(Set<String> benchmarks, String benchmarkClass) {
        Map<String, String> roles = new TreeMap<>();
        for (String benchmark : benchmarks) {
            if (!className(benchmark).equals(benchmarkClass)) {
                continue;
            }
            String method = benchmark.substring(benchmarkClass.length() + 1);
            String role = role(method);
            if (role != null && (!roles.containsKey(role) || benchmark.length() < roles.get(role).length())) {
                roles.put(role, benchmark);
            }
        }
        return roles;
    }

    private static String role(String method) {
        if (method.startsWith(STARTER) && !method.contains("Without")) {
            return STARTER;
        }
        if (method.startsWith(SPRING)) {
            return SPRING;
        }
        return method.startsWith(PASS_THROUGH) ? PASS_THROUGH : null;
    }

    private static String className(String benchmark) {
        return benchmark.substring(0, benchmark.lastIndexOf('.'));
    }

    private static String simpleName(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> union = new LinkedHashSet<>(a);
        union.addAll(b);
        return union;
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> both = new LinkedHashSet<>(a);
        both.retainAll(b);
        return both;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> rest = new LinkedHashSet<>(a);
        rest.removeAll(b);
        return rest;
    }

    // Report

    private static final Pattern RUN_FILE = Pattern.compile("([ab])-(\\d+)-\\d+\\.json");

    /** Class, scenario, jar ("a" or "b"), round: the three roles' scores. */
    private static String report(Path dir) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve("meta.tsv"))) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                meta.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        // class -> scenario -> jar -> round -> method -> score
        Map<String, Map<String, Map<String, Map<Integer, Map<String, Score>>>>> scores = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter((p) -> RUN_FILE.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
        for (Path file : files) {
            Matcher name = RUN_FILE.matcher(file.getFileName().toString());
            name.matches();
            String jar = name.group(1);
            int round = Integer.parseInt(name.group(2));
            if (Files.size(file) == 0) {
                continue;
            }
            for (JsonNode result : new ObjectMapper().readTree(file.toFile())) {
                String benchmark = result.get("benchmark").asString();
                String scenario = result.path("params").path("scenario").asString("");
                JsonNode alloc = result.path("secondaryMetrics").path("gc.alloc.rate.norm");
                double bytes = alloc.isMissingNode() ? Double.NaN : number(alloc.get("score"));
                double best = Double.NaN;
                for (JsonNode fork : result.path("primaryMetric").path("rawData")) {
                    for (JsonNode iteration : fork) {
                        best = Double.isNaN(best) ? iteration.asDouble() : Math.min(best, iteration.asDouble());
                    }
                }
                scores.computeIfAbsent(simpleName(className(benchmark)), (k) -> new LinkedHashMap<>())
                    .computeIfAbsent(scenario, (k) -> new LinkedHashMap<>())
                    .computeIfAbsent(jar, (k) -> new TreeMap<>())
                    .computeIfAbsent(round, (k) -> new LinkedHashMap<>())
                    .put(simpleName(benchmark), new Score(best, bytes));
            }
        }
        String a = meta.getOrDefault("a", "A");
        String b = meta.getOrDefault("b", "B");
        StringBuilder md = new StringBuilder();
        StringBuilder runs = new StringBuilder();
        List<String> slower = new ArrayList<>();
        List<String> faster = new ArrayList<>();
        double springMoved = 0;
        int rows = 0;
        md.append("<!-- Written by dev.fetchcors.benchmarks.Compare (benchmarks/run compare). -->\n\n");
        md.append("## A/B: ").append(a).append(" → ").append(b).append("\n\n");
        md.append("A is ").append(a).append(", B is ").append(b).append(". ").append(meta.getOrDefault("what", ""))
            .append("\n\n");
        StringBuilder tables = new StringBuilder();
        for (var byClass : scores.entrySet()) {
            StringBuilder table = new StringBuilder();
            for (var byScenario : byClass.getValue().entrySet()) {
                List<Run> runsA = runs(byScenario.getValue().get("a"));
                List<Run> runsB = runs(byScenario.getValue().get("b"));
                if (runsA.isEmpty() || runsB.isEmpty()) {
                    continue;
                }
                rows++;
                String scenario = byScenario.getKey().isEmpty() ? "-" : scenarioName(byScenario.getKey());
                Spread addedA = Spread.of(runsA.stream().map(Run::added).toList());
                Spread addedB = Spread.of(runsB.stream().map(Run::added).toList());
                Spread bytesA = Spread.of(runsA.stream().map(Run::bytesAdded).toList());
                Spread bytesB = Spread.of(runsB.stream().map(Run::bytesAdded).toList());
                Spread springA = Spread.of(runsA.stream().map(Run::springAdded).toList());
                Spread springB = Spread.of(runsB.stream().map(Run::springAdded).toList());
                String verdict = verdict(addedA, addedB);
                if (verdict.contains("slower")) {
                    slower.add(byClass.getKey() + ", " + scenario);
                }
                else if (verdict.contains("faster")) {
                    faster.add(byClass.getKey() + ", " + scenario);
                }
                if (springA.runs() > 0 && springB.runs() > 0 && springA.median() > 0) {
                    springMoved = Math.max(springMoved, Math.abs(springB.median() / springA.median() - 1));
                }
                table.append("| ").append(scenario).append(" | ").append(spread(addedA)).append(" | ")
                    .append(spread(addedB)).append(" | ").append(change(addedA, addedB)).append(" | ")
                    .append(verdict).append(" | ").append(bytes(bytesA)).append(" / ").append(bytes(bytesB))
                    .append(" | ").append((springA.runs() > 0 && springB.runs() > 0)
                            ? spread(springA) + " / " + spread(springB) + " (" + percent(springA, springB) + ")"
                            : "not in both")
                    .append(" |\n");
                everyRun(runs, byClass.getKey(), scenario, "A", byScenario.getValue().get("a"));
                everyRun(runs, byClass.getKey(), scenario, "B", byScenario.getValue().get("b"));
            }
            if (!table.isEmpty()) {
                tables.append("### `").append(byClass.getKey()).append("`\n\n");
                tables.append("| scenario | A adds | B adds | B against A | verdict | bytes added, A / B ")
                    .append("| Spring's filter adds, A / B |\n");
                tables.append("|---|---:|---:|---:|---|---:|---:|\n").append(table).append('\n');
            }
        }
        if (rows == 0) {
            throw new IllegalStateException("No scenario was measured in both jars; see the JMH logs in " + dir);
        }
        md.append("**").append(slower.isEmpty() ? "No scenario slower" : slower.size() + " slower: "
                + String.join("; ", slower)).append("**");
        md.append(faster.isEmpty() ? "" : "; " + faster.size() + " faster: " + String.join("; ", faster));
        md.append(" (").append(rows).append(" scenarios compared; slower or faster means beyond the spread of the ")
            .append("runs). ");
        md.append(String.format(Locale.ROOT, "Spring's filters, the same code in both jars, moved by up to %.0f%% "
                + "between them: a difference of that size is this run's noise, whatever the verdict.\n\n",
                100 * springMoved));
        md.append("Each cell: what the starter's filter adds over the pass-through filter of the same run, from the ")
            .append("best iteration of each, as the median over the runs of that jar and (in brackets) the lowest ")
            .append("and highest run. A verdict of slower or faster means every run of one jar lies beyond every run ")
            .append("of the other; otherwise the ranges overlap, and the medians' difference is inside the noise. ")
            .append("Bytes are JMH's `gc.alloc.rate.norm` of the filter minus the pass-through's.\n\n");
        md.append(tables);
        List<String> skipped = Files.exists(dir.resolve("skipped.txt")) ? Files.readAllLines(dir.resolve("skipped.txt"))
                : List.of();
        if (!skipped.isEmpty()) {
            md.append("Not compared (only one jar has them): ").append(String.join("; ", skipped)).append(".\n\n");
        }
        md.append("How it ran: ").append(meta.getOrDefault("how", "")).append("\n\n");
        md.append("<details><summary>Every run (best iteration, ns; bytes per operation)</summary>\n\n");
        md.append("| benchmark | scenario | jar | run | starter | pass-through | Spring | starter adds | Spring adds ")
            .append("| bytes: starter, pass-through, Spring |\n");
        md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---|\n").append(runs).append("\n</details>\n");
        return md.toString();
    }

    /** The runs of one jar in which both the starter and the pass-through were measured, in round order. */
    private static List<Run> runs(Map<Integer, Map<String, Score>> rounds) {
        List<Run> runs = new ArrayList<>();
        if (rounds == null) {
            return runs;
        }
        for (Map<String, Score> methods : rounds.values()) {
            Run run = run(methods);
            if (run != null) {
                runs.add(run);
            }
        }
        return runs;
    }

    private static Run run(Map<String, Score> methods) {
        Score starter = null;
        Score passThrough = null;
        Score spring = null;
        for (var method : methods.entrySet()) {
            String role = role(method.getKey());
            if (STARTER.equals(role)) {
                starter = method.getValue();
            }
            else if (PASS_THROUGH.equals(role)) {
                passThrough = method.getValue();
            }
            else if (SPRING.equals(role)) {
                spring = method.getValue();
            }
        }
        return (starter != null && passThrough != null) ? new Run(starter, passThrough, spring) : null;
    }

    private static void everyRun(StringBuilder md, String benchmark, String scenario, String jar,
            Map<Integer, Map<String, Score>> rounds) {
        for (var round : rounds.entrySet()) {
            Run run = run(round.getValue());
            if (run == null) {
                continue;
            }
            md.append("| ").append(benchmark).append(" | ").append(scenario).append(" | ").append(jar).append(" | ")
                .append(round.getKey()).append(" | ").append(nanos(run.starter().best())).append(" | ")
                .append(nanos(run.passThrough().best())).append(" | ")
                .append((run.spring() != null) ? nanos(run.spring().best()) : "").append(" | ")
                .append(nanos(run.added())).append(" | ").append(nanos(run.springAdded())).append(" | ")
                .append(bytes(run.starter().bytes())).append(", ").append(bytes(run.passThrough().bytes()))
                .append(", ").append((run.spring() != null) ? bytes(run.spring().bytes()) : "").append(" |\n");
        }
    }

    private static String verdict(Spread a, Spread b) {
        if (a.runs() < 2 || b.runs() < 2) {
            return "one run each: no spread";
        }
        if (b.min() > a.max()) {
            return "**slower**";
        }
        return (b.max() < a.min()) ? "**faster**" : "within the spread";
    }

    private static String change(Spread a, Spread b) {
        return String.format(Locale.ROOT, "%s (%+,.0f ns)", percent(a, b), b.median() - a.median());
    }

    /** B's median relative to A's; meaningless when A's is at or below the resolution of a few nanoseconds. */
    private static String percent(Spread a, Spread b) {
        if (Double.isNaN(a.median()) || Double.isNaN(b.median()) || a.median() < 5) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%+.0f%%", 100 * (b.median() / a.median() - 1));
    }

    private static String spread(Spread spread) {
        if (spread.runs() == 0) {
            return "n/a";
        }
        if (spread.runs() == 1) {
            return nanos(spread.median()) + " ns";
        }
        return nanos(spread.median()) + " ns (" + range(nanos(spread.min()), nanos(spread.max()), spread.min()) + ")";
    }

    private static String bytes(Spread spread) {
        if (spread.runs() == 0) {
            return "?";
        }
        String median = bytes(spread.median());
        // gc.alloc.rate.norm is exact to the byte unless the JIT kept an object off the heap in one run only.
        return (Math.round(spread.min()) == Math.round(spread.max())) ? median
                : median + " (" + range(bytes(spread.min()), bytes(spread.max()), Math.round(spread.min())) + ")";
    }

    /** "1–5", but "-3 to 5": a dash after a minus sign reads as a second minus. */
    private static String range(String min, String max, double minValue) {
        return min + ((minValue < 0) ? " to " : "–") + max;
    }

    private static String bytes(double bytes) {
        // Rounded first: JMH's figure can be a hair below zero, which "%,.0f" prints as "-0".
        return Double.isNaN(bytes) ? "?" : String.format(Locale.ROOT, "%,d", Math.round(bytes));
    }

    private static String nanos(double nanos) {
        if (Double.isNaN(nanos)) {
            return "";
        }
        return String.format(Locale.ROOT, (Math.abs(nanos) >= 100) ? "%,.0f" : "%.1f", nanos);
    }

    private static String scenarioName(String scenario) {
        return scenario.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** JMH writes "NaN" as a string, for example the error of a single iteration. */
    private static double number(JsonNode node) {
        return (node != null && node.isNumber()) ? node.asDouble() : Double.NaN;
    }

}
