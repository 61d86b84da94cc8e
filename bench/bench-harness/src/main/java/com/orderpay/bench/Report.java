package com.orderpay.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/** The report of one benchmark run: report.md, latency-over-time-*.png, throughput-vs-rate.png, summary.txt. */
public final class Report {

    private static final double GOAL_P99_MILLIS = 500;

    private final BenchOptions options;
    private final String commandLine;
    private final List<RunResult> results;
    private final List<Invariants.Outcome> reconciliations;

    Report(BenchOptions options, String commandLine, List<RunResult> results, List<Invariants.Outcome> reconciliations) {
        this.options = options;
        this.commandLine = commandLine;
        this.results = results;
        this.reconciliations = reconciliations;
    }

    public Path file() {
        return options.out().resolve("report.md");
    }

    public List<RunResult> results() {
        return results;
    }

    public boolean invariantsHeld() {
        return results.stream().allMatch(r -> r.invariants().held())
                && reconciliations.stream().allMatch(Invariants.Outcome::held);
    }

    /** One line: per variant and scenario the median orders/s and p99, the ratios, the invariants. */
    public String summaryLine() {
        StringBuilder line = new StringBuilder("orderpay bench:");
        for (String variant : variants()) {
            if (variants().size() > 1) {
                line.append(" [").append(variant).append("]");
            }
            for (String label : labels()) {
                List<RunResult> runs = runs(variant, label);
                if (runs.isEmpty()) {
                    continue;
                }
                RunResult median = median(runs);
                if (median.openModel()) {
                    line.append(" ").append(label).append(" p99<500ms up to ")
                            .append(crossing(median).map(r -> fmt(r) + "/s").orElse("-")).append(";");
                } else {
                    line.append(" ").append(label).append(" ").append(fmt(median.ordersPerSecond())).append("/s p99 ")
                            .append(millis(median.orderLatency(), 99)).append("ms;");
                }
            }
            ratio(variant, Scenario.SPREAD, Scenario.BASELINE).ifPresent(r -> line.append(" TCC/baseline ").append(fmt2(r)).append(";"));
            ratio(variant, Scenario.HOT, Scenario.SPREAD).ifPresent(r -> line.append(" hot/spread ").append(fmt2(r)).append(";"));
        }
        line.append(" invariants ").append(invariantsHeld() ? "held" : "BROKEN");
        return line.toString();
    }

    void write() throws IOException {
        Files.createDirectories(options.out());
        StringBuilder md = new StringBuilder();
        md.append("# orderpay benchmark, ").append(Instant.now()).append("\n\n");
        md.append("`bench/run.sh ").append(commandLine).append("`\n\n");
        md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores; ")
                .append(options.target() == null ? "system started by the harness (devstack launcher, the local run's JVM flags, free ports)"
                        : "running system at " + options.target()).append(". Closed model: ").append(options.buyers())
                .append(" buyers (one user each), ").append(options.warmUp().toSeconds()).append(" s warm-up, ")
                .append(options.duration().toSeconds()).append(" s measured. Orders are 1 unit of a ")
                .append(Fixtures.PRICE).append(" SKU; stock and credit never run out, so every non-2xx answer is an error.\n\n");
        md.append("Baseline (`baseline`): `POST /api/bench/orders` on bench-baseline, a bench-only Spring Boot app on the ")
                .append("same platform as the services (identity filter, Idempotency-Key, access log, tracing, metrics), ")
                .append("behind the same gateway (JWT, rate limit, circuit breaker). In ONE local transaction in ONE ")
                .append("database: the Idempotency-Key's claim, a SELECT of the prices, a guarded UPDATE per SKU (on hand -> ")
                .append("sold), a guarded UPDATE of the wallet, the DEBIT ledger entry, the order row (PAID) and its items, ")
                .append("the stored answer. No coordinator, no second service, no TCC fence.\n\n");

        md.append("## Results\n\n");
        md.append("| variant | round | scenario | buyers / offered | orders/s | p50 ms | p95 ms | p99 ms | max ms | ")
                .append("no order for ms | errors | system CPU ms/order | load gen. CPU ms/order | load avg | idle | ")
                .append("invariants |\n");
        md.append("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (RunResult r : results) {
            Histogram h = r.orderLatency();
            md.append("| ").append(r.variant()).append(" | ").append(r.round()).append(" | ").append(r.label()).append(" | ")
                    .append(r.openModel() ? r.rates().stream().map(Report::fmt).collect(Collectors.joining(",")) + "/s"
                            : String.valueOf(r.buyers()))
                    .append(" | ").append(fmt(r.ordersPerSecond())).append(" | ").append(millis(h, 50)).append(" | ")
                    .append(millis(h, 95)).append(" | ").append(millis(h, 99)).append(" | ")
                    .append(h.getMaxValue() / 1000).append(" | ").append(r.longestGap().millis())
                    .append(" (at ").append(fmt(r.longestGap().endedAtSecond())).append(" s)")
                    .append(" | ").append(r.errors()).append(" of ").append(r.requests())
                    .append(" | ").append(fmt(r.systemCpuMillisPerOrder())).append(" | ")
                    .append(fmt(r.cpuMillisPerOrder("load generator (harness JVM)"))).append(" | ")
                    .append(fmt2(r.loadAverage())).append(" | ").append(pct(r.idleShare())).append(" | ")
                    .append(r.invariants().held() ? "held" : "**BROKEN**").append(" |\n");
        }
        md.append("\nLatency is of the request that completes an order (`pay` in pay-later). Orders/s counts orders ")
                .append("completed in the measured window. \"No order for\" is the longest time in the window ")
                .append("in which no order completed, and when it ended (seconds into the window): a stall ")
                .append("of the system shows there even when it is too short or rare to move p99. CPU is user + ")
                .append("system time from /proc of each process in the window, divided by those orders.\n\n");

        md.append("## Ratios (same run, same machine)\n\n");
        for (String variant : variants()) {
            ratio(variant, Scenario.SPREAD, Scenario.BASELINE).ifPresent(r -> md.append("- ").append(variant)
                    .append(": TCC spread / baseline throughput = **").append(fmt2(r)).append("** (median of rounds)\n"));
            ratio(variant, Scenario.HOT, Scenario.SPREAD).ifPresent(r -> md.append("- ").append(variant)
                    .append(": hot SKU / spread throughput = **").append(fmt2(r)).append("**\n"));
        }
        md.append("\n");

        md.append("## CPU ms per order and RSS by process (median round)\n\n");
        Set<String> processes = new LinkedHashSet<>();
        results.forEach(r -> processes.addAll(r.cpuSeconds().keySet()));
        md.append("| variant | scenario |");
        processes.forEach(p -> md.append(" ").append(p).append(" |"));
        md.append(" total (system) |\n|---|---|");
        processes.forEach(p -> md.append("---:|"));
        md.append("---:|\n");
        for (RunResult m : medianRuns()) {
            md.append("| ").append(m.variant()).append(" | ").append(m.label()).append(" |");
            processes.forEach(p -> md.append(" ").append(fmt(m.cpuMillisPerOrder(p))).append(" (")
                    .append(m.rssKb().getOrDefault(p, 0L) / 1024).append(" MB) |"));
            md.append(" ").append(fmt(m.systemCpuMillisPerOrder())).append(" |\n");
        }
        md.append("\n");

        md.append("## Database work per order (median round)\n\n");
        md.append("MariaDB's own counters over the measured window (`SHOW GLOBAL STATUS`: `Questions`, `Com_*`), every "
                + "service and the coordinator together, divided by the orders completed in it.\n\n");
        md.append("| variant | scenario |");
        DatabaseWork.COUNTERS.values().forEach(heading -> md.append(" ").append(heading).append(" |"));
        md.append("\n|---|---|");
        DatabaseWork.COUNTERS.values().forEach(heading -> md.append("---:|"));
        md.append("\n");
        for (RunResult m : medianRuns()) {
            md.append("| ").append(m.variant()).append(" | ").append(m.label()).append(" |");
            DatabaseWork.COUNTERS.keySet().forEach(counter -> md.append(" ")
                    .append(fmt(m.databasePerOrder(counter))).append(" |"));
            md.append("\n");
        }
        md.append("\n");

        List<RunResult> open = results.stream().filter(RunResult::openModel).toList();
        if (!open.isEmpty()) {
            md.append("## Open model (spread): throughput and p99 against the offered rate\n\n");
            md.append("| variant | round | offered/s | done/s | p50 ms | p99 ms | failed |\n|---|---|---:|---:|---:|---:|---:|\n");
            for (RunResult r : open) {
                for (RunResult.Level level : r.levels()) {
                    md.append("| ").append(r.variant()).append(" | ").append(r.round()).append(" | ").append(fmt(level.offered()))
                            .append(" | ").append(fmt(level.donePerSecond())).append(" | ").append(level.p50Millis())
                            .append(" | ").append(level.p99Millis()).append(" | ").append(level.failed()).append(" |\n");
                }
                md.append("\n").append(r.variant()).append(", round ").append(r.round())
                        .append(": p99 stays under 500 ms up to ")
                        .append(crossing(r).map(x -> fmt(x) + " orders/s offered").orElse("no level measured")).append(".\n\n");
            }
        }

        md.append("## Each run: answers, latency per request, invariants\n\n");
        for (RunResult r : results) {
            md.append("### ").append(r.variant()).append(", round ").append(r.round()).append(", ").append(r.label()).append("\n\n");
            md.append("Answers (request status: count): ").append(r.answers()).append("\n\n");
            md.append("| request | count | p50 ms | p95 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|\n");
            r.latencies().forEach((request, h) -> md.append("| ").append(request).append(" | ").append(h.getTotalCount())
                    .append(" | ").append(millis(h, 50)).append(" | ").append(millis(h, 95)).append(" | ")
                    .append(millis(h, 99)).append(" | ").append(h.getMaxValue() / 1000).append(" |\n"));
            md.append("\nCPU seconds in the window: ").append(r.cpuSeconds().entrySet().stream()
                    .map(e -> e.getKey() + " " + fmt2(e.getValue())).collect(Collectors.joining(", "))).append("\n\n");
            md.append("Orders by status afterwards: ").append(r.invariants().ordersByStatus()).append("\n\n");
            r.invariants().checked().forEach(c -> md.append("- checked: ").append(c).append("\n"));
            r.invariants().broken().forEach(b -> md.append("- **BROKEN**: ").append(b).append("\n"));
            md.append("\n");
        }
        if (options.profile()) {
            md.append("## Profiles (JFR, each JVM over the measured window)\n\n");
            for (RunResult r : results) {
                md.append("### ").append(r.variant()).append(", round ").append(r.round()).append(", ").append(r.label())
                        .append("\n\n").append(r.profile());
            }
        }
        md.append("## Reconciliation (one run over the whole system after each system's traffic)\n\n");
        for (Invariants.Outcome outcome : reconciliations) {
            outcome.checked().forEach(c -> md.append("- ").append(c).append("\n"));
            outcome.broken().forEach(b -> md.append("- **BROKEN**: ").append(b).append("\n"));
        }
        md.append("\n## Plots\n\n");
        for (String variant : variants()) {
            Map<String, List<double[]>> series = new LinkedHashMap<>();
            for (RunResult r : results) {
                if (r.variant().equals(variant) && r.round() == 1) {
                    series.put(r.label() + " p99", r.latencyOverTime().stream().map(p -> new double[] {p[0], p[2]}).toList());
                    series.put(r.label() + " p50", r.latencyOverTime().stream().map(p -> new double[] {p[0], p[1]}).toList());
                }
            }
            String png = "latency-over-time-" + variant.replaceAll("[^A-Za-z0-9_-]", "_") + ".png";
            Charts.lines(options.out().resolve(png), "Order latency per second of the run (" + variant + ", round 1, warm-up included)",
                    "second of the run", "ms", series, GOAL_P99_MILLIS);
            md.append("![latency over time, ").append(variant).append("](").append(png).append(")\n\n");
        }
        if (!open.isEmpty()) {
            Map<String, List<double[]>> throughput = new LinkedHashMap<>();
            Map<String, List<double[]>> p99 = new LinkedHashMap<>();
            for (RunResult r : open) {
                throughput.put(r.variant() + " r" + r.round() + " done/s",
                        r.levels().stream().map(l -> new double[] {l.offered(), l.donePerSecond()}).toList());
                p99.put(r.variant() + " r" + r.round() + " p99 ms",
                        r.levels().stream().map(l -> new double[] {l.offered(), l.p99Millis()}).toList());
            }
            Charts.lines(options.out().resolve("throughput-vs-rate.png"), "Open model: orders done per second against orders offered",
                    "offered orders/s", "done orders/s", throughput, Double.NaN);
            Charts.lines(options.out().resolve("p99-vs-rate.png"), "Open model: p99 against orders offered",
                    "offered orders/s", "p99 ms", p99, GOAL_P99_MILLIS);
            md.append("![throughput vs offered rate](throughput-vs-rate.png)\n\n![p99 vs offered rate](p99-vs-rate.png)\n");
        }
        Files.writeString(file(), md);
        Files.writeString(options.out().resolve("summary.txt"), summaryLine() + "\n");
    }

    private List<String> variants() {
        return results.stream().map(RunResult::variant).distinct().toList();
    }

    private List<String> labels() {
        return results.stream().map(RunResult::label).distinct().toList();
    }

    /** Per variant and scenario (in the order they ran), the median round. */
    private List<RunResult> medianRuns() {
        List<RunResult> medians = new ArrayList<>();
        for (String variant : variants()) {
            for (String label : labels()) {
                List<RunResult> runs = runs(variant, label);
                if (!runs.isEmpty()) {
                    medians.add(median(runs));
                }
            }
        }
        return medians;
    }

    private List<RunResult> runs(String variant, String label) {
        return results.stream().filter(r -> r.variant().equals(variant) && r.label().equals(label)).toList();
    }

    /** The run with the median throughput of several rounds (the first of two). */
    private static RunResult median(List<RunResult> runs) {
        List<RunResult> sorted = new ArrayList<>(runs);
        sorted.sort(java.util.Comparator.comparingDouble(RunResult::ordersPerSecond));
        return sorted.get((sorted.size() - 1) / 2);
    }

    private Optional<Double> ratio(String variant, Scenario a, Scenario b) {
        List<RunResult> as = runs(variant, a.label());
        List<RunResult> bs = runs(variant, b.label());
        if (as.isEmpty() || bs.isEmpty()) {
            return Optional.empty();
        }
        // Pairs of the same round, then the median of those ratios.
        List<Double> ratios = new ArrayList<>();
        Map<Integer, RunResult> byRound = new TreeMap<>();
        bs.forEach(r -> byRound.put(r.round(), r));
        for (RunResult r : as) {
            RunResult other = byRound.get(r.round());
            if (other != null && other.ordersPerSecond() > 0) {
                ratios.add(r.ordersPerSecond() / other.ordersPerSecond());
            }
        }
        if (ratios.isEmpty()) {
            return Optional.empty();
        }
        ratios.sort(Double::compare);
        return Optional.of(ratios.get((ratios.size() - 1) / 2));
    }

    /** The highest offered rate whose p99 stayed under 500 ms (levels in the order they ran). */
    private static Optional<Double> crossing(RunResult r) {
        Double best = null;
        for (RunResult.Level level : r.levels()) {
            if (level.p99Millis() < GOAL_P99_MILLIS && level.donePerSecond() >= 0.9 * level.offered()) {
                best = level.offered();
            } else {
                break;
            }
        }
        return Optional.ofNullable(best);
    }

    private static long millis(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : Math.round(h.getValueAtPercentile(percentile) / 1000.0);
    }

    static String fmt(double value) {
        return Double.isNaN(value) ? "-" : value >= 100 ? String.valueOf(Math.round(value)) : String.format("%.1f", value);
    }

    private static String fmt2(double value) {
        return Double.isNaN(value) ? "-" : String.format("%.2f", value);
    }

    private static String pct(double share) {
        return Double.isNaN(share) ? "-" : Math.round(100 * share) + " %";
    }
}
