package com.orderpay.order.paying;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Orders paid, and payments that failed for a reason of ours (a dependency or the coordinator), by flow: the payment
 * SLO is paid / (paid + failed). A refusal that is the customer's answer (insufficient balance, not payable) is
 * neither.
 */
@Component
public class PaymentMetrics {

    public static final String PAID = "orderpay.orders.paid";
    public static final String FAILED = "orderpay.payments.failed";

    /** The {@code flow} tag: paid while placing ({@code payNow}) or later. */
    public enum Flow {
        PAY_NOW, PAY_LATER;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<Flow, Counter> paid = new EnumMap<>(Flow.class);
    private final Map<Flow, Counter> failed = new EnumMap<>(Flow.class);

    public PaymentMetrics(MeterRegistry registry) {
        for (Flow flow : Flow.values()) {
            paid.put(flow, Counter.builder(PAID).description("Orders paid, by flow").tag("flow", flow.tag())
                    .register(registry));
            failed.put(flow, Counter.builder(FAILED)
                    .description("Payments that failed for a reason of ours (not the customer's), by flow")
                    .tag("flow", flow.tag()).register(registry));
        }
    }

    public void paid(Flow flow) {
        paid.get(flow).increment();
    }

    public void failed(Flow flow) {
        failed.get(flow).increment();
    }
}
