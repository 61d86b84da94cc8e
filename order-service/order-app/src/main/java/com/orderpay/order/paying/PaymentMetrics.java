package com.orderpay.order.paying;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Payments attempted, pay-now placements and later payments alike, by outcome: {@code paid}, {@code declined} (the
 * buyer's answer: insufficient balance, not payable) or {@code failed} (ours: a dependency or the coordinator).
 * The payment success rate alert reads it.
 */
@Component
public class PaymentMetrics {

    public static final String PAYMENTS = "orderpay.orders.payments";

    public enum Outcome {
        PAID, DECLINED, FAILED
    }

    private final Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);

    public PaymentMetrics(MeterRegistry registry) {
        for (Outcome outcome : Outcome.values()) {
            counters.put(outcome, Counter.builder(PAYMENTS).description("Payments attempted, by outcome")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(registry));
        }
    }

    public void counted(Outcome outcome) {
        counters.get(outcome).increment();
    }
}
