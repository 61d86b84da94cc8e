package com.orderpay.compensation.traffic;

import com.orderpay.compensation.alerting.OrderServiceScrapes;
import com.orderpay.compensation.api.TrafficOverviewResponse;
import com.orderpay.compensation.api.TrafficPointResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A short time series of order traffic for the operations console's chart: every {@code sample-interval} it samples
 * order-service's counters ({@code orderpay_orders_placed_total{outcome}}, {@code orderpay_payments_total{outcome}})
 * and placement latency histogram ({@code orderpay_orders_placement_seconds_bucket{le}}) on every replica, keeps an
 * hour of samples in memory, and answers the increases step by step. A counter that went down was reset by a
 * restart: its new value is the increase. Nothing is stored: a restarted replica starts a new series.
 */
@Component
public class TrafficHistory {

    /** The longest window asked for; also how long samples are kept. */
    public static final Duration HISTORY = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(TrafficHistory.class);
    private static final Pattern SERIES = Pattern.compile(
            "^(orderpay_orders_placed_total|orderpay_payments_total|orderpay_orders_placement_seconds_bucket)"
                    + "\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
    private static final Pattern OUTCOME = Pattern.compile("outcome=\"([a-z_]+)\"");
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");
    private static final String PLACED = "placed|";
    private static final String PAYMENT = "payment|";
    private static final String BUCKET = "bucket|";

    private record Sample(Instant at, Map<String, Double> values) {
    }

    private final OrderServiceScrapes scrapes;
    private final Clock clock;
    private final Duration step;
    private final Map<String, Deque<Sample>> samples = new HashMap<>();

    public TrafficHistory(OrderServiceScrapes scrapes, Clock clock,
            @Value("${orderpay.metrics.sample-interval:PT10S}") Duration step) {
        this.scrapes = scrapes;
        this.clock = clock;
        this.step = step;
    }

    @Scheduled(initialDelayString = "${orderpay.metrics.sample-interval:PT10S}",
            fixedDelayString = "${orderpay.metrics.sample-interval:PT10S}")
    public void sample() {
        Instant now = clock.instant();
        for (String replica : scrapes.replicas()) {
            try {
                Map<String, Double> values = parse(scrapes.scrape(replica));
                synchronized (this) {
                    Deque<Sample> history = samples.computeIfAbsent(replica, r -> new ArrayDeque<>());
                    history.addLast(new Sample(now, values));
                    while (history.peekFirst().at().isBefore(now.minus(HISTORY).minus(step))) {
                        history.removeFirst();
                    }
                }
            } catch (Exception e) {
                log.debug("Traffic of order-service at {} not sampled: {}", replica, e.toString());
            }
        }
    }

    /** The window's points, oldest first, one per step that has a sample at both ends on some replica. */
    public synchronized TrafficOverviewResponse overview(Duration window) {
        Instant to = clock.instant();
        Instant from = to.minus(window);
        long stepMillis = step.toMillis();
        // each replica's increase between two consecutive samples goes to the step its later sample falls in
        TreeMap<Long, Map<String, Double>> steps = new TreeMap<>();
        int replicas = 0;
        for (Deque<Sample> history : samples.values()) {
            Sample previous = null;
            boolean seen = false;
            for (Sample sample : history) {
                if (previous != null && sample.at().isAfter(from)) {
                    long index = (sample.at().toEpochMilli() - from.toEpochMilli()) / stepMillis;
                    Map<String, Double> increases = steps.computeIfAbsent(index, i -> new HashMap<>());
                    for (Map.Entry<String, Double> value : sample.values().entrySet()) {
                        double before = previous.values().getOrDefault(value.getKey(), 0.0);
                        double increase = value.getValue() >= before ? value.getValue() - before : value.getValue();
                        increases.merge(value.getKey(), increase, Double::sum);
                    }
                    seen = true;
                }
                previous = sample;
            }
            replicas += seen ? 1 : 0;
        }
        List<TrafficPointResponse> points = new ArrayList<>();
        steps.forEach((index, increases) -> points.add(point(from.plusMillis((index + 1) * stepMillis), increases)));
        return new TrafficOverviewResponse(from, to, step.toSeconds(), replicas, points);
    }

    private TrafficPointResponse point(Instant at, Map<String, Double> increases) {
        long placements = 0;
        long placementsFailed = 0;
        for (Map.Entry<String, Double> entry : increases.entrySet()) {
            if (entry.getKey().startsWith(PLACED)) {
                placements += Math.round(entry.getValue());
                if (entry.getKey().equals(PLACED + "failed")) {
                    placementsFailed += Math.round(entry.getValue());
                }
            }
        }
        long paid = Math.round(increases.getOrDefault(PAYMENT + "paid", 0.0));
        long declined = Math.round(increases.getOrDefault(PAYMENT + "declined", 0.0));
        long failed = Math.round(increases.getOrDefault(PAYMENT + "failed", 0.0));
        return new TrafficPointResponse(at, placements / (double) step.toSeconds(), placements, placementsFailed,
                percent(placements - placementsFailed, placements), paid, declined, failed,
                percent(paid, paid + failed), quantileMillis(increases, 0.50), quantileMillis(increases, 0.95),
                quantileMillis(increases, 0.99));
    }

    private static Double percent(long part, long whole) {
        return whole == 0 ? null : Math.round(10_000.0 * part / whole) / 100.0;
    }

    /** As Prometheus' histogram_quantile: linear within the bucket the rank falls in. */
    static Double quantileMillis(Map<String, Double> increases, double q) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        increases.forEach((key, value) -> {
            if (key.startsWith(BUCKET)) {
                String le = key.substring(BUCKET.length());
                buckets.put("+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le), value);
            }
        });
        if (buckets.isEmpty() || buckets.lastEntry().getValue() <= 0) {
            return null;
        }
        double rank = q * buckets.lastEntry().getValue();
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return Math.round(lowerBound * 1000 * 10) / 10.0;
                }
                double inBucket = bucket.getValue() - lowerCount;
                double seconds = inBucket <= 0 ? bucket.getKey()
                        : lowerBound + (bucket.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
                return Math.round(seconds * 1000 * 10) / 10.0;
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return null;
    }

    static Map<String, Double> parse(String scrape) {
        Map<String, Double> values = new HashMap<>();
        Matcher line = SERIES.matcher(scrape);
        while (line.find()) {
            double value = Double.parseDouble(line.group(3));
            if (line.group(1).endsWith("_bucket")) {
                Matcher le = LE.matcher(line.group(2));
                if (le.find()) {
                    values.merge(BUCKET + le.group(1), value, Double::sum);
                }
                continue;
            }
            Matcher outcome = OUTCOME.matcher(line.group(2));
            if (outcome.find()) {
                String kind = line.group(1).equals("orderpay_payments_total") ? PAYMENT : PLACED;
                values.merge(kind + outcome.group(1), value, Double::sum);
            }
        }
        return values;
    }
}
