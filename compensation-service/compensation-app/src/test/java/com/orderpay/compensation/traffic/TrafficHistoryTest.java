package com.orderpay.compensation.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderpay.compensation.alerting.OrderServiceScrapes;
import com.orderpay.compensation.api.TrafficOverviewResponse;
import com.orderpay.compensation.api.TrafficPointResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console's traffic series, from scrapes of two replicas, one of which restarts. */
class TrafficHistoryTest {

    private static final Instant START = Instant.parse("2026-11-30T12:00:00Z");

    /** Scrapes served from a map instead of replicas. */
    static final class FakeScrapes extends OrderServiceScrapes {

        final Map<String, String> bodies = new HashMap<>();

        FakeScrapes() {
            super(null);
        }

        @Override
        public List<String> replicas() {
            return List.copyOf(bodies.keySet());
        }

        @Override
        public String scrape(String baseUri) {
            return bodies.get(baseUri);
        }
    }

    static final class StepClock extends Clock {

        Instant now = START;

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static String scrape(int paid, int failed, int payPaid, int payDeclined, int fast, int slow) {
        return "# HELP orderpay_orders_placed_total x\n"
                + "orderpay_orders_placed_total{application=\"order-service\",outcome=\"paid\"} " + paid + ".0\n"
                + "orderpay_orders_placed_total{application=\"order-service\",outcome=\"failed\"} " + failed + ".0\n"
                + "orderpay_payments_total{application=\"order-service\",flow=\"pay_now\",outcome=\"paid\"} " + payPaid + ".0\n"
                + "orderpay_payments_total{application=\"order-service\",flow=\"pay_later\",outcome=\"declined\"} "
                + payDeclined + ".0\n"
                + "orderpay_orders_placement_seconds_bucket{application=\"order-service\",le=\"0.1\"} " + fast + ".0\n"
                + "orderpay_orders_placement_seconds_bucket{application=\"order-service\",le=\"0.5\"} " + (fast + slow) + ".0\n"
                + "orderpay_orders_placement_seconds_bucket{application=\"order-service\",le=\"+Inf\"} " + (fast + slow) + ".0\n";
    }

    @Test
    void eachStepSumsTheIncreasesOfEveryReplicaAndARestartCountsFromZero() {
        FakeScrapes scrapes = new FakeScrapes();
        StepClock clock = new StepClock();
        TrafficHistory history = new TrafficHistory(scrapes, clock, Duration.ofSeconds(10));
        scrapes.bodies.put("http://a", scrape(10, 0, 10, 0, 10, 0));
        scrapes.bodies.put("http://b", scrape(5, 1, 4, 1, 6, 0));
        history.sample();

        clock.now = START.plusSeconds(10);
        scrapes.bodies.put("http://a", scrape(30, 1, 29, 1, 20, 11));
        scrapes.bodies.put("http://b", scrape(2, 0, 2, 0, 2, 0)); // restarted: its counters began again
        history.sample();

        clock.now = START.plusSeconds(15);
        TrafficOverviewResponse overview = history.overview(Duration.ofMinutes(1));

        assertThat(overview.replicas()).isEqualTo(2);
        assertThat(overview.stepSeconds()).isEqualTo(10);
        assertThat(overview.points()).hasSize(1);
        TrafficPointResponse point = overview.points().get(0);
        // a: 20 paid + 1 failed; b (reset): 2 paid
        assertThat(point.placements()).isEqualTo(23);
        assertThat(point.placementsFailed()).isEqualTo(1);
        assertThat(point.placementsPerSecond()).isEqualTo(2.3);
        assertThat(point.placementSuccessPercent()).isEqualTo(95.65);
        assertThat(point.paymentsPaid()).isEqualTo(21);
        assertThat(point.paymentsDeclined()).isEqualTo(1);
        assertThat(point.paymentSuccessPercent()).isEqualTo(100.0);
        // 12 fast (<= 100 ms) and 11 slow (<= 500 ms): the median falls in the first bucket, p95 in the second
        assertThat(point.latencyP50Millis()).isBetween(90.0, 100.0);
        assertThat(point.latencyP95Millis()).isBetween(400.0, 500.0);
    }

    @Test
    void aWindowWithoutSamplesHasNoPoints() {
        TrafficHistory history = new TrafficHistory(new FakeScrapes(), new StepClock(), Duration.ofSeconds(10));
        assertThat(history.overview(Duration.ofMinutes(15)).points()).isEmpty();
        assertThat(TrafficHistory.quantileMillis(Map.of(), 0.5)).isNull();
    }
}
