package com.orderpay.bench;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One measured scenario run.
 *
 * @param ordersDone orders completed within the measured window (201 PAID placements, 200 payments)
 * @param cpuSeconds CPU seconds (user + system) of each process within the measured window
 * @param idleShare  share of the machine's CPU time left idle within the window
 * @param levels     open model: one per offered rate
 * @param ordersDoneOverall orders completed in the whole run, warm-up included
 * @param profile    {@code --profile}: where each JVM's CPU samples fell, else empty
 * @param databaseWork MariaDB's statement counters over the measured window ({@link DatabaseWork}), or none
 * @param longestGap the longest time in the window in which no order completed ({@link LoadRecorder})
 */
record RunResult(String variant, int round, Scenario scenario, int buyers, List<Double> rates, double measuredSeconds,
                 long ordersDone, Map<String, Histogram> latencies, Map<String, Long> answers,
                 Map<String, Double> cpuSeconds, Map<String, Long> rssKb, double loadAverage, double idleShare,
                 Invariants.Outcome invariants, List<Level> levels, List<double[]> latencyOverTime,
                 long ordersDoneOverall, String profile, Map<String, Long> databaseWork,
                 LoadRecorder.Gap longestGap) {

    /** One rate level of the open model (its first seconds left out while the queue settles). */
    record Level(double offered, double donePerSecond, long p50Millis, long p99Millis, long failed) {
    }

    boolean openModel() {
        return !rates.isEmpty();
    }

    double ordersPerSecond() {
        return ordersDone / measuredSeconds;
    }

    Histogram orderLatency() {
        return latencies.getOrDefault(scenario.orderRequest(), new Histogram(1000, 2));
    }

    /**
     * Every answer but a 2xx. Stock and credit are sized so that no order may be refused (no out-of-stock, no
     * insufficient balance), so any other answer is an error.
     */
    long errors() {
        long errors = 0;
        for (Map.Entry<String, Long> answer : answers.entrySet()) {
            String status = answer.getKey().substring(answer.getKey().lastIndexOf(' ') + 1);
            if (!status.startsWith("2")) {
                errors += answer.getValue();
            }
        }
        return errors;
    }

    long requests() {
        return answers.values().stream().mapToLong(Long::longValue).sum();
    }

    double cpuMillisPerOrder(String process) {
        return ordersDone == 0 ? Double.NaN : 1000 * cpuSeconds.getOrDefault(process, Double.NaN) / ordersDone;
    }

    /** CPU per order of the system under test, the load generator left out. */
    double systemCpuMillisPerOrder() {
        double total = 0;
        for (Map.Entry<String, Double> process : cpuSeconds.entrySet()) {
            if (!process.getKey().startsWith("load generator") && !Double.isNaN(process.getValue())) {
                total += process.getValue();
            }
        }
        return ordersDone == 0 ? Double.NaN : 1000 * total / ordersDone;
    }

    /** One database counter per order completed in the window, or NaN when it was not read. */
    double databasePerOrder(String counter) {
        Long count = databaseWork.get(counter);
        return count == null || ordersDone == 0 ? Double.NaN : count / (double) ordersDone;
    }

    String label() {
        return scenario.label() + (openModel() ? " (open)" : "");
    }
}
