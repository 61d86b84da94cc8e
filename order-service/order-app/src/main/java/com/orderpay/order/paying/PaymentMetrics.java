package com.orderpay.order.paying;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Payments, pay-now placements and later payments alike, by flow and outcome: {@code paid}, {@code declined} (the
 * buyer's answer: insufficient balance, not payable) or {@code failed} (ours: a dependency or the coordinator). The
 * payment SLO is paid / (paid + failed): the alert rules, the dashboard and reconciliation's success-rate alert read
 * this one counter.
 */
@Component
public class PaymentMetrics {

    public static final String PAYMENTS = "orderpay.payments";

    /** The {@code flow} tag: paid while placing ({@code payNow}) or later. */
    public enum Flow {
        PAY_NOW, PAY_LATER
    }

    /** The {@code outcome} tag. */
    public enum Outcome {
        PAID, DECLINED, FAILED
    }

    private final Map<Flow, Map<Outcome, Counter>> counters = new EnumMap<>(Flow.class);

    public PaymentMetrics(MeterRegistry registry) {
        for (Flow flow : Flow.values()) {
            Map<Outcome, Counter> byOutcome = new EnumMap<>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                byOutcome.put(outcome, Counter.builder(PAYMENTS).description("Payments, by flow and outcome")
                        .tag("flow", tag(flow)).tag("outcome", tag(outcome)).register(registry));
            }
            counters.put(flow, byOutcome);
        }
    }

    public void counted(Flow flow, Outcome outcome) {
        counters.get(flow).get(outcome).increment();
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
