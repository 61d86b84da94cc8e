package com.orderpay.order.placing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/** How placements end and how long they take. */
@Component
public class PlacementMetrics {

    public static final String PLACED = "orderpay.orders.placed";
    public static final String PLACEMENT = "orderpay.orders.placement";

    /** The {@code outcome} tag: a fixed, low-cardinality set. */
    public enum Outcome {
        PAID, AWAITING_PAYMENT, OUT_OF_STOCK, INSUFFICIENT_BALANCE, TOO_MANY_UNPAID_ORDERS, FAILED,
        /** Every Try ran; the coordinator's commit answer was lost, it decides. */
        UNDECIDED;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Timer placement;

    public PlacementMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.placement = Timer.builder(PLACEMENT)
                .description("Time to place an order, catalogue read and global transaction included")
                .publishPercentileHistogram()
                .register(registry);
        for (Outcome outcome : Outcome.values()) {
            counter(outcome);
        }
    }

    public Timer.Sample start() {
        return Timer.start(registry);
    }

    public void placed(Timer.Sample sample, Outcome outcome) {
        sample.stop(placement);
        counter(outcome).increment();
    }

    private Counter counter(Outcome outcome) {
        return Counter.builder(PLACED).description("Order placements by outcome").tag("outcome", outcome.tag())
                .register(registry);
    }
}
