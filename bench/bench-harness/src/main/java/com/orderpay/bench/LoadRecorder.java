package com.orderpay.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Every answer of one run: latency histograms per request (measured window only), answers by status per request,
 * and per second of the run the latencies and outcomes of the request that completes an order (for the plots and the
 * open model's levels). Latency is from just before the request was sent to its answer, in microseconds. It also keeps
 * the longest time within the measured window in which no order completed: a stall of the whole system shows there
 * as seconds, where p99 only moves if the stall is long or frequent enough.
 */
public final class LoadRecorder {

    /** An answer that never came (connection refused, timeout). */
    public static final int NO_ANSWER = 0;
    private static final long MAX_MICROS = 300_000_000L;

    private final String orderRequest;
    private final int orderDoneStatus;
    private final long warmUpNanos;
    private final long measuredNanos;
    private volatile long startNanos;
    private final Map<String, Histogram> latencies = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Integer, Second> seconds = new ConcurrentSkipListMap<>();
    /** Guarded by {@code this}: the latest completion seen in the window, and the longest gap before one. */
    private long lastDoneNanos;
    private long longestGapNanos;
    private long longestGapEndNanos;

    /** One second of the run, for the request that completes an order. */
    public static final class Second {
        final Histogram latency = new Histogram(MAX_MICROS, 2);
        long done;
        long failed;

        public synchronized long done() {
            return done;
        }

        public synchronized long failed() {
            return failed;
        }

        public synchronized Histogram latency() {
            return latency.copy();
        }
    }

    public LoadRecorder(Scenario scenario, java.time.Duration warmUp, java.time.Duration measured) {
        this.orderRequest = scenario.orderRequest();
        this.orderDoneStatus = scenario.orderDoneStatus();
        this.warmUpNanos = warmUp.toNanos();
        this.measuredNanos = measured.toNanos();
    }

    /** Called once when the load starts. */
    void start() {
        startNanos = System.nanoTime();
    }

    public long startNanos() {
        return startNanos;
    }

    public boolean started() {
        return startNanos != 0;
    }

    void record(String request, int status, long sentNanos, long answeredNanos) {
        long micros = Math.min(MAX_MICROS, Math.max(1, (answeredNanos - sentNanos) / 1_000));
        long sinceStart = sentNanos - startNanos;
        if (request.equals(orderRequest)) {
            Second second = seconds.computeIfAbsent((int) (sinceStart / 1_000_000_000L), s -> new Second());
            synchronized (second) {
                second.latency.recordValue(micros);
                if (status == orderDoneStatus) {
                    second.done++;
                } else if (status == NO_ANSWER || status >= 500 || status == 429) {
                    second.failed++;
                }
            }
        }
        if (request.equals(orderRequest) && status == orderDoneStatus) {
            orderDone(answeredNanos);
        }
        if (sinceStart < warmUpNanos || sinceStart >= warmUpNanos + measuredNanos) {
            return;
        }
        Histogram histogram = latencies.computeIfAbsent(request, r -> new Histogram(MAX_MICROS, 3));
        synchronized (histogram) {
            histogram.recordValue(micros);
        }
        answers.computeIfAbsent(request + " " + (status == NO_ANSWER ? "no-answer" : String.valueOf(status)),
                k -> new LongAdder()).increment();
    }

    /** An order completed at {@code answeredNanos}: counts towards the gaps if it fell in the measured window. */
    private synchronized void orderDone(long answeredNanos) {
        long windowStart = startNanos + warmUpNanos;
        if (answeredNanos < windowStart || answeredNanos >= windowStart + measuredNanos) {
            return;
        }
        long previous = lastDoneNanos == 0 ? windowStart : lastDoneNanos;
        if (answeredNanos - previous > longestGapNanos) {
            longestGapNanos = answeredNanos - previous;
            longestGapEndNanos = answeredNanos;
        }
        // Answers reach here from several threads, a little out of order: a gap only ever grows from the latest.
        lastDoneNanos = Math.max(lastDoneNanos, answeredNanos);
    }

    /**
     * The longest time in the measured window with no order completed (the window's edges count as completions, so
     * a window with none is one long gap), and how many seconds after the window's start it ended. Read it once the
     * window is over.
     */
    public synchronized Gap longestGapWithoutAnOrder() {
        long windowStart = startNanos + warmUpNanos;
        long windowEnd = windowStart + measuredNanos;
        long tail = windowEnd - (lastDoneNanos == 0 ? windowStart : lastDoneNanos);
        if (tail > longestGapNanos) {
            return new Gap(tail / 1_000_000, measuredNanos / 1e9);
        }
        return new Gap(longestGapNanos / 1_000_000, (longestGapEndNanos - windowStart) / 1e9);
    }

    /** @param millis how long no order completed; @param endedAtSecond when that ended, in seconds into the window */
    public record Gap(long millis, double endedAtSecond) {
    }

    /** Latency per request within the measured window. */
    public Map<String, Histogram> latencies() {
        Map<String, Histogram> copy = new TreeMap<>();
        latencies.forEach((request, histogram) -> {
            synchronized (histogram) {
                copy.put(request, histogram.copy());
            }
        });
        return copy;
    }

    /** "request status" → count, within the measured window. */
    public Map<String, Long> answers() {
        Map<String, Long> copy = new TreeMap<>();
        answers.forEach((key, count) -> copy.put(key, count.sum()));
        return copy;
    }

    /** Second of the run → its order-completing answers (warm-up included). */
    public Map<Integer, Second> seconds() {
        return seconds;
    }

    public String orderRequest() {
        return orderRequest;
    }

    public int orderDoneStatus() {
        return orderDoneStatus;
    }
}
