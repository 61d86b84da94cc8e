package com.orderpay.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The command line of {@code bench/run.sh} (see bench/README.md). */
record BenchOptions(List<Scenario> scenarios, int buyers, int skus, Duration warmUp, Duration duration,
                    List<Double> openRates, Duration level, int rounds, List<Variant> variants, String target,
                    Path out, boolean smoke, long stock, boolean profile,
                    Duration systemWarmUp) {

    static final String USAGE = """
            bench/run.sh [options]
              --scenarios LIST   spread,hot,pay-later,mix,baseline (default: all)
              --buyers N         closed model: concurrent buyers, one user each (default 64)
              --skus N           SKUs the spread scenarios use (default 64)
              --system-warm-up D after each start, spread then baseline driven unmeasured (default 60s)
              --warm-up D        before each scenario, driven, not measured, e.g. 20s (default 20s)
              --duration D       measured per scenario (default 60s)
              --open-rates LIST  open model on the spread scenario, orders/s per level, e.g. 20,40,60 (default none)
              --level D          measured per open-model level (default 30s)
              --rounds N         repeat everything N times, alternating the variants (default 1)
              --variant SPEC     name|root=DIR|service:key=value|all:key=value (repeatable; default: this build)
              --target URL       drive a running system (e.g. ./run-local.sh's http://localhost:8080), no baseline
              --out DIR          where the report goes (default bench/results/<time>)
              --profile          record every JVM with JFR over each measured window; hot spots in the report
              --smoke            a few seconds with 4 buyers; exits non-zero if an invariant broke
            """;

    static BenchOptions parse(String[] args, Path root) {
        List<Scenario> scenarios = List.of(Scenario.values());
        int buyers = 64;
        int skus = 64;
        Duration warmUp = Duration.ofSeconds(20);
        Duration duration = Duration.ofSeconds(60);
        List<Double> openRates = List.of();
        Duration level = Duration.ofSeconds(30);
        int rounds = 1;
        List<Variant> variants = new ArrayList<>();
        String target = null;
        Path out = null;
        boolean smoke = false;
        boolean profile = false;
        Duration systemWarmUp = Duration.ofSeconds(60);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--scenarios" -> scenarios = java.util.Arrays.stream(args[++i].split(",")).map(String::trim)
                        .map(Scenario::of).toList();
                case "--buyers" -> buyers = Integer.parseInt(args[++i]);
                case "--skus" -> skus = Integer.parseInt(args[++i]);
                case "--warm-up" -> warmUp = duration(args[++i]);
                case "--duration" -> duration = duration(args[++i]);
                case "--open-rates" -> openRates = java.util.Arrays.stream(args[++i].split(",")).map(String::trim)
                        .map(Double::valueOf).toList();
                case "--level" -> level = duration(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--variant" -> variants.add(Variant.parse(args[++i], root));
                case "--target" -> target = args[++i];
                case "--out" -> out = Path.of(args[++i]).toAbsolutePath();
                case "--smoke" -> smoke = true;
                case "--profile" -> profile = true;
                case "--system-warm-up" -> systemWarmUp = duration(args[++i]);
                case "--help", "-h" -> {
                    System.out.println(USAGE);
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("Unknown option " + arg + "\n" + USAGE);
            }
        }
        if (smoke) {
            buyers = Math.min(buyers, 4);
            skus = Math.min(skus, 4);
            warmUp = Duration.ofSeconds(1);
            duration = Duration.ofSeconds(3);
            level = Duration.ofSeconds(3);
            systemWarmUp = Duration.ZERO;
        }
        if (variants.isEmpty()) {
            variants.add(Variant.parse("current", root));
        }
        if (target != null) {
            scenarios = scenarios.stream().filter(s -> s != Scenario.BASELINE).toList();
            if (variants.size() > 1) {
                throw new IllegalArgumentException("--variant needs a system the harness starts itself, not --target");
            }
        }
        if (out == null) {
            out = root.resolve("bench/results")
                    .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
        // Enough units that no order of a run is refused, so every answer but a 2xx counts as an error.
        long stock = 1_000_000;
        return new BenchOptions(scenarios, buyers, skus, warmUp, duration, openRates, level, rounds, variants, target,
                out, smoke, stock, profile, systemWarmUp);
    }

    private static Duration duration(String text) {
        String t = text.trim().toLowerCase();
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        return Duration.ofSeconds(Long.parseLong(t.endsWith("s") ? t.substring(0, t.length() - 1) : t));
    }
}
