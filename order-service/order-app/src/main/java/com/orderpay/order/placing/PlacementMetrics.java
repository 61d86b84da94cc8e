package com.orderpay.order.placing;

import com.orderpay.order.paying.PaymentMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * How placements end and how long they take. The order SLO is 1 - rejected{reason=failed} / placed; out of stock
 * and insufficient balance are correct answers, not failures.
 */
@Component
public class PlacementMetrics {

    public static final String PLACED = "orderpay.orders.placed";
    public static final String PLACEMENT = "orderpay.orders.placement";
    public static final String REJECTED = "orderpay.orders.rejected";

    /** The {@code outcome} tag: a fixed, low-cardinality set. */
    public enum Outcome {
        PAID, AWAITING_PAYMENT, OUT_OF_STOCK, INSUFFICIENT_BALANCE, TOO_MANY_UNPAID_ORDERS,
        /** The request's own fault (an unknown SKU, a reused Idempotency-Key). */
        REFUSED,
        /** Ours: a dependency or the coordinator failed. */
        FAILED,
        /** Every Try ran; the coordinator's commit answer was lost, it decides. */
        UNDECIDED;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final PaymentMetrics payments;
    private final Timer placement;

    public PlacementMetrics(MeterRegistry registry, PaymentMetrics payments) {
        this.registry = registry;
        this.payments = payments;
        this.placement = Timer.builder(PLACEMENT)
                .description("Time to place an order, catalogue read and global transaction included")
                .publishPercentileHistogram()
                // The latency SLO (p99 under 500 ms) and its neighbours, as exact buckets.
                .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500))
                .register(registry);
        for (Outcome outcome : Outcome.values()) {
            counter(outcome);
            if (rejection(outcome)) {
                rejected(outcome);
            }
        }
    }

    public Timer.Sample start() {
        return Timer.start(registry);
    }

    public void placed(Timer.Sample sample, Outcome outcome, boolean paysNow) {
        sample.stop(placement);
        counter(outcome).increment();
        if (rejection(outcome)) {
            rejected(outcome).increment();
        }
        if (paysNow) {
            // A pay-now placement is a payment too, once it got as far as asking for the money.
            switch (outcome) {
                case PAID -> payments.counted(PaymentMetrics.Flow.PAY_NOW, PaymentMetrics.Outcome.PAID);
                case INSUFFICIENT_BALANCE -> payments.counted(PaymentMetrics.Flow.PAY_NOW, PaymentMetrics.Outcome.DECLINED);
                case FAILED -> payments.counted(PaymentMetrics.Flow.PAY_NOW, PaymentMetrics.Outcome.FAILED);
                default -> {
                    // out of stock, refused, over the unpaid limits: no money was asked for; undecided: the
                    // coordinator decides, nothing was refused
                }
            }
        }
    }

    private static boolean rejection(Outcome outcome) {
        return outcome == Outcome.OUT_OF_STOCK || outcome == Outcome.INSUFFICIENT_BALANCE
                || outcome == Outcome.TOO_MANY_UNPAID_ORDERS || outcome == Outcome.REFUSED || outcome == Outcome.FAILED;
    }

    private Counter rejected(Outcome reason) {
        return Counter.builder(REJECTED).description("Placements rejected, by reason").tag("reason", reason.tag())
                .register(registry);
    }

    private Counter counter(Outcome outcome) {
        return Counter.builder(PLACED).description("Order placements by outcome").tag("outcome", outcome.tag())
                .register(registry);
    }
}
