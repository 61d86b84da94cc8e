package com.orderpay.compensation.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The success rates, from order-service's own counters ({@code orderpay.orders.placed{outcome}} and
 * {@code orderpay.payments{flow,outcome}}, the same the alert rules read), read from the Prometheus scrape of every
 * replica that discovery lists ({@link OrderServiceScrapes}). A payment declined by the buyer's wallet is neither a
 * success nor a failure of ours. Each evaluation takes a sample per replica; the rate over the window is the sum of the
 * increases between the oldest sample in the window and the newest (a counter that went down was reset by a restart:
 * its new value is the increase).
 */
@Component
public class SuccessCounters {

    static final String PLACED = "orderpay_orders_placed_total";
    static final String PAYMENTS = "orderpay_payments_total";
    private static final Logger log = LoggerFactory.getLogger(SuccessCounters.class);
    private static final Pattern SAMPLE = Pattern.compile(
            "^(orderpay_orders_placed_total|orderpay_payments_total)\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
    private static final Pattern OUTCOME = Pattern.compile("outcome=\"([a-z_]+)\"");

    /** Failed and all attempts over the window. */
    public record Rate(double failed, double total) {

        /** Percentage that did not fail; 100 without attempts. */
        public double successPercent() {
            return total == 0 ? 100.0 : 100.0 * (total - failed) / total;
        }
    }

    private record Sample(Instant at, Map<String, Double> values) {
    }

    private final OrderServiceScrapes scrapes;
    private final Map<String, Deque<Sample>> samples = new HashMap<>();

    public SuccessCounters(OrderServiceScrapes scrapes) {
        this.scrapes = scrapes;
    }

    /** Takes a sample of every order-service replica and forgets those older than the window. */
    public synchronized void sample(Instant now, Duration window) {
        for (String uri : scrapes.replicas()) {
            try {
                Map<String, Double> values = scrape(uri);
                Deque<Sample> history = samples.computeIfAbsent(uri, u -> new ArrayDeque<>());
                history.addLast(new Sample(now, values));
                // keep one sample at or before the window's start as the baseline
                while (history.size() > 1 && !history.toArray(Sample[]::new)[1].at().isAfter(now.minus(window))) {
                    history.removeFirst();
                }
            } catch (Exception e) {
                log.warn("Counters of order-service at {} not read: {}", uri, e.toString());
            }
        }
    }

    /** Placements that failed (outcome {@code failed}) against all placements, over the window. */
    public synchronized Rate placements() {
        return rate(PLACED, "failed", null);
    }

    /** Payments that failed against payments paid or failed, over the window. */
    public synchronized Rate payments() {
        return rate(PAYMENTS, "failed", "declined");
    }

    private Rate rate(String metric, String failedOutcome, String notCounted) {
        double failed = 0;
        double total = 0;
        for (Deque<Sample> history : samples.values()) {
            if (history.size() < 2) {
                continue;
            }
            Sample first = history.peekFirst();
            Sample last = history.peekLast();
            for (Map.Entry<String, Double> entry : last.values().entrySet()) {
                if (!entry.getKey().startsWith(metric + "|")
                        || (notCounted != null && entry.getKey().endsWith("|" + notCounted))) {
                    continue;
                }
                double before = first.values().getOrDefault(entry.getKey(), 0.0);
                double increase = entry.getValue() >= before ? entry.getValue() - before : entry.getValue();
                total += increase;
                if (entry.getKey().endsWith("|" + failedOutcome)) {
                    failed += increase;
                }
            }
        }
        return new Rate(failed, total);
    }

    private Map<String, Double> scrape(String baseUri) throws Exception {
        Map<String, Double> values = new HashMap<>();
        Matcher line = SAMPLE.matcher(scrapes.scrape(baseUri));
        while (line.find()) {
            Matcher outcome = OUTCOME.matcher(line.group(2));
            if (outcome.find()) {
                values.merge(line.group(1) + "|" + outcome.group(1), Double.parseDouble(line.group(3)), Double::sum);
            }
        }
        return values;
    }
}
