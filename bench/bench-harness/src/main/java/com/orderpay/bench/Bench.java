package com.orderpay.bench;

import io.gatling.app.Gatling$;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark (bench/README.md): for each variant of the system, started here as the local run starts it (or one
 * running at {@code --target}), each scenario with fresh buyers and SKUs, driven by Gatling in this JVM, metered from
 * /proc, then its invariants checked through the API; a reconciliation run at the end of each system's life; then
 * one summary line and a report with plots.
 */
public final class Bench {

    private static final Logger log = LoggerFactory.getLogger(Bench.class);
    /** A round in which no order completed for this long keeps its logs, as a failed one does. */
    static final long STALL_MILLIS = 1_000;

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("orderpay.root", ".")).toAbsolutePath().normalize();
        BenchOptions options = BenchOptions.parse(args, root);
        Report report = run(options, root, String.join(" ", args));
        System.out.println(report.summaryLine());
        System.out.println("Report: " + report.file());
        // Gatling and the HTTP clients leave non-daemon threads behind; the run is over.
        System.exit(report.invariantsHeld() ? 0 : 1);
    }

    /** Runs everything the options ask for and writes the report. */
    public static Report run(BenchOptions options, Path root, String commandLine) throws Exception {
        Files.createDirectories(options.out());
        List<RunResult> results = new ArrayList<>();
        List<Invariants.Outcome> reconciliations = new ArrayList<>();
        String runTag = UUID.randomUUID().toString().substring(0, 4);
        for (int round = 1; round <= options.rounds(); round++) {
            for (int v = 0; v < options.variants().size(); v++) {
                Variant variant = options.variants().get(v);
                Path home = Files.createTempDirectory("orderpay-bench-");
                log.info("Round {}, variant {}: starting the system", round, variant.describe());
                int resultsBefore = results.size();
                boolean failed = true;
                boolean stalled = false;
                try (BenchSystem system = options.target() != null
                        ? BenchSystem.running(options.target(), null)
                        : BenchSystem.start(home, variant, root)) {
                    Api api = new Api(system.gatewayUrl());
                    String admin = api.token("bench-ops", "ADMIN", "USER");
                    if (!options.systemWarmUp().isZero()) {
                        // Fresh JVMs compile as they go: the first scenario would pay for everyone's warm-up.
                        log.info("Warming the system up for {}", options.systemWarmUp());
                        for (Scenario scenario : system.hasBaseline() ? List.of(Scenario.SPREAD, Scenario.BASELINE)
                                : List.of(Scenario.SPREAD)) {
                            warmUp(options, system, api, admin, scenario, runTag + "v" + v + "r" + round + "W"
                                    + scenario.name().charAt(0));
                        }
                    }
                    for (Scenario scenario : options.scenarios()) {
                        String tag = runTag + "v" + v + "r" + round + scenario.name().charAt(0);
                        results.add(drive(options, system, api, admin, variant, round, scenario, tag, List.of()));
                    }
                    if (!options.openRates().isEmpty()) {
                        String tag = runTag + "v" + v + "r" + round + "O";
                        results.add(drive(options, system, api, admin, variant, round, Scenario.SPREAD, tag,
                                options.openRates()));
                    }
                    Invariants.Outcome reconciled = Invariants.reconcile(api, admin, "bench-" + runTag + "-" + v
                            + "-" + round);
                    reconciliations.add(reconciled);
                    failed = !reconciled.held() || results.subList(resultsBefore, results.size()).stream()
                            .anyMatch(r -> !r.invariants().held());
                    stalled = results.subList(resultsBefore, results.size()).stream()
                            .anyMatch(r -> r.longestGap().millis() >= STALL_MILLIS);
                } finally {
                    if (failed) {
                        keepLogs(home, options.out().resolve("failed-round" + round + "-" + variant.name()));
                    } else if (stalled) {
                        // Stalls are rare and not understood yet: the logs (GC and safepoints included) are the clue.
                        log.warn("No order completed for {} ms or more in this round", STALL_MILLIS);
                        keepLogs(home, options.out().resolve("stalled-round" + round + "-" + variant.name()));
                    }
                    deleteQuietly(home);
                }
            }
        }
        Report report = new Report(options, commandLine, results, reconciliations);
        report.write();
        return report;
    }

    /** Drives a scenario unmeasured: the system's JIT compiles, its pools fill, nothing is recorded. */
    private static void warmUp(BenchOptions options, BenchSystem system, Api api, String admin, Scenario scenario,
            String tag) throws Exception {
        Fixtures.Prepared prepared = scenario == Scenario.BASELINE
                ? prepareBaseline(system, api, tag, options.buyers(), options.skus(), options.stock())
                : Fixtures.prepare(api, admin, tag, options.buyers(), options.skus(), options.stock());
        Duration half = options.systemWarmUp().dividedBy(2);
        LoadRecorder recorder = new LoadRecorder(scenario, half, Duration.ofSeconds(1));
        LoadPlan.set(new LoadPlan(scenario, system.gatewayUrl(), prepared.tokens(), prepared.skus(), options.buyers(),
                List.of(), half, Duration.ofSeconds(1), tag, recorder));
        noUpdateCheck();
        Gatling$.MODULE$.fromArgs(new String[] {"--simulation", OrderpaySimulation.class.getName(),
                "--results-folder", options.out().resolve("gatling").toString(), "--no-reports",
                "--run-description", tag});
    }

    private static Fixtures.Prepared prepareBaseline(BenchSystem system, Api api, String tag, int buyers, int skus,
            long stock) throws java.sql.SQLException {
        try (Connection db = system.baselineDatabase()) {
            return Fixtures.prepareBaseline(api, db, tag, buyers, skus, stock);
        }
    }

    private static RunResult drive(BenchOptions options, BenchSystem system, Api api, String admin, Variant variant,
            int round, Scenario scenario, String tag, List<Double> rates) throws Exception {
        boolean open = !rates.isEmpty();
        // The open model needs buyers enough that none comes near the per-user rate limit (50/s).
        int buyers = open ? Math.max(options.buyers(), (int) Math.ceil(rates.stream().mapToDouble(d -> d).max()
                .orElse(1) / 5)) : options.buyers();
        int skus = scenario == Scenario.HOT ? 1 : options.skus();
        Fixtures.Prepared prepared;
        if (scenario == Scenario.BASELINE) {
            try (Connection db = system.baselineDatabase()) {
                prepared = Fixtures.prepareBaseline(api, db, tag, buyers, skus, options.stock());
            }
        } else {
            prepared = Fixtures.prepare(api, admin, tag, buyers, skus, options.stock());
        }
        Duration measured = open ? options.level() : options.duration();
        LoadRecorder recorder = new LoadRecorder(scenario, options.warmUp(),
                open ? measured.multipliedBy(rates.size()) : measured);
        LoadPlan plan = new LoadPlan(scenario, system.gatewayUrl(), prepared.tokens(), prepared.skus(), buyers, rates,
                options.warmUp(), measured, tag, recorder);
        Duration window = open ? measured.multipliedBy(rates.size()) : measured;
        log.info("{} {}: {} for {} after {} of warm-up", variant.name(), scenario.label(),
                open ? "open model at " + rates + " orders/s" : buyers + " buyers", window, options.warmUp());
        Map<String, Long> processes = system.processes();
        Meter meter = new Meter(recorder, processes, system::databaseCounters, options.warmUp(), window,
                options.profile() ? options.out().resolve("profiles") : null, variant.name() + "-r" + round + "-"
                        + scenario.label() + (open ? "-open" : ""));
        meter.start();
        LoadPlan.set(plan);
        noUpdateCheck();
        int exit = Gatling$.MODULE$.fromArgs(new String[] {"--simulation", OrderpaySimulation.class.getName(),
                "--results-folder", options.out().resolve("gatling").toString(), "--no-reports",
                "--run-description", tag});
        meter.join(Duration.ofMinutes(2).toMillis());
        if (exit != 0) {
            log.warn("Gatling ended with {} (its checks only save statuses: look at the answers in the report)", exit);
        }
        Invariants.Outcome invariants;
        if (scenario == Scenario.BASELINE) {
            try (Connection db = system.baselineDatabase()) {
                invariants = Invariants.checkBaseline(db, prepared);
            }
        } else {
            invariants = Invariants.check(api, admin, prepared);
        }
        if (!invariants.held()) {
            log.error("{} {}: invariants broken: {}", variant.name(), scenario.label(), invariants.broken());
        }
        long warmUpSeconds = options.warmUp().toSeconds();
        StringBuilder profile = new StringBuilder();
        long ordersDone = 0;
        long ordersDoneOverall = 0;
        List<double[]> overTime = new ArrayList<>();
        for (Map.Entry<Integer, LoadRecorder.Second> second : recorder.seconds().entrySet()) {
            int s = second.getKey();
            ordersDoneOverall += second.getValue().done();
            if (s >= warmUpSeconds && s < warmUpSeconds + window.toSeconds()) {
                ordersDone += second.getValue().done();
            }
            Histogram h = second.getValue().latency();
            if (h.getTotalCount() > 0) {
                overTime.add(new double[] {s, h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0});
            }
        }
        for (Map.Entry<String, Path> recording : meter.recordings().entrySet()) {
            awaitWritten(recording.getValue());
            profile.append(Profiles.summarize(recording.getKey(), recording.getValue(), ordersDone));
        }
        List<RunResult.Level> levels = new ArrayList<>();
        for (int i = 0; i < rates.size(); i++) {
            // The first seconds of a level belong to the change from the last one.
            long settle = Math.min(5, measured.toSeconds() / 4);
            long from = warmUpSeconds + i * measured.toSeconds() + settle;
            long to = warmUpSeconds + (i + 1) * measured.toSeconds();
            Histogram merged = new Histogram(300_000_000L, 2);
            long done = 0;
            long failed = 0;
            for (long s = from; s < to; s++) {
                LoadRecorder.Second second = recorder.seconds().get((int) s);
                if (second != null) {
                    merged.add(second.latency());
                    done += second.done();
                    failed += second.failed();
                }
            }
            levels.add(new RunResult.Level(rates.get(i), done / (double) (to - from),
                    merged.getValueAtPercentile(50) / 1000, merged.getValueAtPercentile(99) / 1000, failed));
        }
        return new RunResult(variant.name(), round, scenario, buyers, rates, window.toMillis() / 1000.0, ordersDone,
                recorder.latencies(), recorder.answers(), meter.cpuSeconds(), meter.rssKb(), meter.loadAverage(),
                meter.idleShare(), invariants, levels, overTime, ordersDoneOverall, profile.toString(),
                meter.databaseWork(), recorder.longestGapWithoutAnOrder());
    }

    /**
     * Gatling looks for a newer release of itself on Maven Central unless it checked lately (a note in the user's Java
     * preferences). A benchmark makes no call off this machine: the note says it checked just now.
     */
    private static void noUpdateCheck() {
        java.util.prefs.Preferences note = java.util.prefs.Preferences.userRoot().node("/io/gatling/latestVersion");
        note.putLong("lastCheckTimestamp", System.currentTimeMillis());
        note.putBoolean("lastCheckSuccess", false);
        try {
            note.flush();
        } catch (java.util.prefs.BackingStoreException e) {
            log.debug("Java preferences not persisted: {}", e.toString());
        }
    }

    /** Samples the processes at the start and at the end of the measured window. */
    private static final class Meter extends Thread {

        private final LoadRecorder recorder;
        private final Map<String, Long> processes;
        private final java.util.function.Supplier<Map<String, Long>> databaseCounters;
        private final long warmUpNanos;
        private final long windowNanos;
        private final Map<String, Double> cpuSeconds = new LinkedHashMap<>();
        private final Map<String, Long> rssKb = new LinkedHashMap<>();
        private volatile Map<String, Long> databaseWork = Map.of();
        private volatile double loadAverage = Double.NaN;
        private volatile double idleShare = Double.NaN;
        private final Path profiles;
        private final String tag;
        private volatile Map<String, Path> recordings = Map.of();

        /** @param profiles where JFR recordings of the window go, or null for none */
        Meter(LoadRecorder recorder, Map<String, Long> processes,
                java.util.function.Supplier<Map<String, Long>> databaseCounters, Duration warmUp, Duration window,
                Path profiles, String tag) {
            super("bench-meter");
            setDaemon(true);
            this.recorder = recorder;
            this.processes = processes;
            this.databaseCounters = databaseCounters;
            this.warmUpNanos = warmUp.toNanos();
            this.windowNanos = window.toNanos();
            this.profiles = profiles;
            this.tag = tag;
        }

        Map<String, Path> recordings() {
            return recordings;
        }

        @Override
        public void run() {
            try {
                while (!recorder.started()) {
                    Thread.sleep(20);
                }
                sleepUntil(recorder.startNanos() + warmUpNanos);
                Map<String, ProcessMeter.Usage> before = ProcessMeter.sample(processes);
                long[] cpuBefore = ProcessMeter.cpuTimes();
                Map<String, Long> databaseBefore = databaseCounters.get();
                if (profiles != null) {
                    recordings = Profiles.start(processes, Duration.ofNanos(windowNanos), profiles, tag);
                }
                sleepUntil(recorder.startNanos() + warmUpNanos + windowNanos);
                Map<String, ProcessMeter.Usage> after = ProcessMeter.sample(processes);
                long[] cpuAfter = ProcessMeter.cpuTimes();
                databaseWork = DatabaseWork.delta(databaseBefore, databaseCounters.get());
                synchronized (this) {
                    after.forEach((name, usage) -> {
                        cpuSeconds.put(name, usage.cpuSeconds() - before.get(name).cpuSeconds());
                        rssKb.put(name, usage.rssKb());
                    });
                }
                loadAverage = ProcessMeter.loadAverage();
                long total = cpuAfter[0] - cpuBefore[0];
                idleShare = total == 0 ? Double.NaN : (cpuAfter[1] - cpuBefore[1]) / (double) total;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void sleepUntil(long nanoTime) throws InterruptedException {
            long wait = nanoTime - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }

        synchronized Map<String, Double> cpuSeconds() {
            return new LinkedHashMap<>(cpuSeconds);
        }

        synchronized Map<String, Long> rssKb() {
            return new LinkedHashMap<>(rssKb);
        }

        /** Statement counters of the database over the window ({@link DatabaseWork}). */
        Map<String, Long> databaseWork() {
            return databaseWork;
        }

        double loadAverage() {
            return loadAverage;
        }

        double idleShare() {
            return idleShare;
        }
    }

    /** JFR writes a recording when its duration ends: wait until the file is there and stops growing. */
    private static void awaitWritten(Path file) throws InterruptedException {
        long last = -1;
        for (int i = 0; i < 60; i++) {
            long size = file.toFile().length();
            if (size > 0 && size == last) {
                return;
            }
            last = size;
            Thread.sleep(500);
        }
    }

    /**
     * A round that threw, broke an invariant or stalled keeps its processes' logs: the system's home (databases
     * included) is deleted either way, and without the logs a failure can only be guessed at.
     */
    static void keepLogs(Path home, Path into) {
        try (var paths = Files.walk(home)) {
            List<Path> logs = paths.filter(Files::isRegularFile).filter(Bench::isLog).toList();
            for (Path file : logs) {
                Path target = into.resolve(home.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            if (logs.isEmpty()) {
                log.error("This round failed; the harness did not start its system, so it has no logs to keep");
            } else {
                log.error("This round failed: its logs are kept in {}", into);
            }
        } catch (java.io.IOException | RuntimeException e) {
            log.error("This round failed and its logs could not be kept in {}", into, e);
        }
    }

    /** The services' and the coordinator's logs; MariaDB's files (its data and binary tc.log) stay behind. */
    private static boolean isLog(Path file) {
        return file.getFileName().toString().endsWith(".log") && !file.toString().contains("/mariadb/");
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException | RuntimeException e) {
            // only a temporary folder
        }
    }
}
