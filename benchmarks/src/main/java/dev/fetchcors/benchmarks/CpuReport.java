package dev.fetchcors.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the rounds of {@code benchmarks/run cpu} ({@code cpu-rounds.tsv}: the server's CPU time per request, one line
 * per stack, app, request kind and round) into {@code cpu.tsv} and {@code cpu.md}: per kind the median over the
 * rounds and their range, and what each CORS app costs over the app without CORS in the same round.
 *
 * <p>The rounds interleave the kinds and the apps, so a round of the starter and the same round of the app without
 * CORS were measured minutes apart at most; their difference is taken round by round, and only then summarised. The
 * report says which differences this machine resolves: one is resolved when at least three rounds all put it on the
 * same side of zero and it is larger than the spread of the no-CORS app's own rounds (what the host alone moves a
 * request's CPU by); the rest are marked as noise, whatever their median.
 *
 * <p>Usage: {@code java -cp ... dev.fetchcors.benchmarks.CpuReport benchmarks/results}
 */
public final class CpuReport {

    private static final String BASELINE = "none";

    /** Fewer rounds than this cannot tell a sign from chance (two rounds agree half the time). */
    private static final int MIN_ROUNDS = 3;

    /** One figure over the rounds: median, lowest and highest. */
    record Spread(double median, double min, double max, int rounds) {

        static Spread of(List<Double> values) {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            if (sorted.length == 0) {
                return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
            }
            int middle = sorted.length / 2;
            double median = (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
            return new Spread(median, sorted[0], sorted[sorted.length - 1], sorted.length);
        }

        double width() {
            return this.max - this.min;
        }

    }

    private CpuReport() {
    }

    public static void main(String[] args) throws IOException {
        Path results = Path.of((args.length > 0) ? args[0] : "benchmarks/results");
        List<String> lines = Files.readAllLines(results.resolve("cpu-rounds.tsv"));
        // stack -> kind -> profile -> round -> µs per request
        Map<String, Map<String, Map<String, Map<String, Double>>>> rounds = new LinkedHashMap<>();
        Set<String> profiles = new LinkedHashSet<>();
        profiles.add(BASELINE);
        int maxRounds = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            profiles.add(f[1]);
            maxRounds = Math.max(maxRounds, Integer.parseInt(f[3]));
            rounds.computeIfAbsent(f[0], (k) -> new LinkedHashMap<>())
                .computeIfAbsent(f[2], (k) -> new LinkedHashMap<>())
                .computeIfAbsent(f[1], (k) -> new LinkedHashMap<>())
                .put(f[3], Double.parseDouble(f[6]));
        }
        StringBuilder tsv = new StringBuilder("stack\tprofile\tkind\trounds\tcpu_us_median\tcpu_us_min\tcpu_us_max"
                + "\tadded_us_median\tadded_us_min\tadded_us_max\tresolved\n");
        StringBuilder md = new StringBuilder("<!-- Written by dev.fetchcors.benchmarks.CpuReport from cpu-rounds.tsv."
                + " -->\n\n");
        int resolved = 0;
        int compared = 0;
        List<Double> noiseShares = new ArrayList<>();
        List<Double> noiseWidths = new ArrayList<>();
        for (var stack : rounds.entrySet()) {
            StringBuilder cpuTable = new StringBuilder();
            StringBuilder addedTable = new StringBuilder();
            for (var kind : stack.getValue().entrySet()) {
                Map<String, Double> none = kind.getValue().getOrDefault(BASELINE, Map.of());
                Spread noneSpread = Spread.of(new ArrayList<>(none.values()));
                if (noneSpread.rounds() > 1 && noneSpread.median() > 0) {
                    noiseShares.add(noneSpread.width() / noneSpread.median());
                    noiseWidths.add(noneSpread.width());
                }
                cpuTable.append("| ").append(kind.getKey()).append(" |");
                addedTable.append("| ").append(kind.getKey()).append(" | ").append(f(noneSpread.width())).append(" |");
                for (String profile : profiles) {
                    Map<String, Double> byRound = kind.getValue().get(profile);
                    if (byRound == null) {
                        cpuTable.append(" |");
                        if (!profile.equals(BASELINE)) {
                            addedTable.append(" |");
                        }
                        continue;
                    }
                    Spread cpu = Spread.of(new ArrayList<>(byRound.values()));
                    cpuTable.append(' ').append(spread(cpu)).append(" |");
                    Spread added = Spread.of(List.of());
                    boolean isResolved = false;
                    if (!profile.equals(BASELINE)) {
                        List<Double> differences = new ArrayList<>();
                        for (var round : byRound.entrySet()) {
                            Double baseline = none.get(round.getKey());
                            if (baseline != null) {
                                differences.add(round.getValue() - baseline);
                            }
                        }
                        added = Spread.of(differences);
                        isResolved = added.rounds() >= MIN_ROUNDS && (added.min() > 0 || added.max() < 0)
                                && Math.abs(added.median()) > noneSpread.width();
                        compared++;
                        resolved += isResolved ? 1 : 0;
                        addedTable.append(' ').append(signed(added)).append(isResolved ? "" : ": noise")
                            .append(" |");
                    }
                    tsv.append(String.join("\t", stack.getKey(), profile, kind.getKey(),
                            String.valueOf(cpu.rounds()), f(cpu.median()), f(cpu.min()), f(cpu.max()),
                            f(added.median()), f(added.min()), f(added.max()),
                            profile.equals(BASELINE) ? "" : String.valueOf(isResolved))).append('\n');
                }
                cpuTable.append('\n');
                addedTable.append('\n');
            }
            md.append("### ").append(stack.getKey().equals("mvc") ? "MVC on Tomcat" : "WebFlux on Reactor Netty")
                .append("\n\nµs of the server's CPU per request, median of the rounds (lowest–highest):\n\n");
            md.append("| request |");
            profiles.forEach((profile) -> md.append(' ').append(appName(profile)).append(" |"));
            md.append("\n|---|").append("---:|".repeat(profiles.size())).append('\n').append(cpuTable);
            md.append("\nWhat each CORS app costs over no CORS, round by round: median µs per request (lowest to ")
                .append("highest round); \"noise\" unless every round agrees on the sign and the median exceeds the ")
                .append("no-CORS app's own spread:\n\n");
            md.append("| request | no CORS: spread of its rounds |");
            profiles.stream().filter((p) -> !p.equals(BASELINE))
                .forEach((profile) -> md.append(' ').append(appName(profile)).append(" |"));
            md.append("\n|---|---:|").append("---:|".repeat(profiles.size() - 1)).append('\n').append(addedTable)
                .append('\n');
        }
        md.append("**What this machine resolves.** ");
        Spread shares = Spread.of(noiseShares);
        Spread widths = Spread.of(noiseWidths);
        if (shares.rounds() > 0) {
            md.append(String.format(Locale.ROOT, "Between rounds, with nothing changed but the time, the app without "
                    + "CORS moved by %.0f%% to %.0f%% of its CPU per request (%.1f to %.1f µs; median %.0f%%). ",
                    100 * shares.min(), 100 * shares.max(), widths.min(), widths.max(), 100 * shares.median()));
        }
        md.append(String.format(Locale.ROOT, "%d of %d costs over no CORS are resolved in this run (%d rounds); ",
                resolved, compared, maxRounds));
        md.append((maxRounds < MIN_ROUNDS) ? "fewer than " + MIN_ROUNDS + " rounds resolve nothing. "
                : "the rest are noise here, whatever their median. ");
        md.append("A cost below the no-CORS app's spread, such as a CORS filter's own work as JMH measures it, is ")
            .append("bounded by these tables, not measured by them.\n");
        Files.writeString(results.resolve("cpu.tsv"), tsv, StandardCharsets.UTF_8);
        Files.writeString(results.resolve("cpu.md"), md, StandardCharsets.UTF_8);
        System.out.print(md);
    }

    private static String appName(String profile) {
        return switch (profile) {
            case BASELINE -> "no CORS";
            case "fetchcors" -> "the starter";
            case "spring" -> "Spring's filter";
            case "fetchcors-source" -> "the starter, 100,000 origins from a table";
            default -> profile;
        };
    }

    private static String spread(Spread spread) {
        if (spread.rounds() == 1) {
            return f(spread.median());
        }
        return f(spread.median()) + " (" + f(spread.min()) + "–" + f(spread.max()) + ")";
    }

    private static String signed(Spread spread) {
        if (spread.rounds() == 0) {
            return "";
        }
        String median = String.format(Locale.ROOT, "%+.1f", spread.median());
        if (spread.rounds() == 1) {
            return median;
        }
        return median + String.format(Locale.ROOT, " (%+.1f to %+.1f)", spread.min(), spread.max());
    }

    private static String f(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.1f", value);
    }

}
