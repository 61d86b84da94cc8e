package com.orderpay.inventory.reserving;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Reservation outcomes and phase-two steps, low-cardinality tags only (never an order number or XID). */
@Component
public class StockMetrics {

    public static final String RESERVATIONS = "orderpay.stock.reservations";
    public static final String PHASE_TWO = "orderpay.stock.tcc.phase.two";

    private final MeterRegistry registry;
    private final Counter reserved;
    private final Counter outOfStock;

    public StockMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.reserved = Counter.builder(RESERVATIONS).tag("outcome", "reserved")
                .description("Stock reservation Trys by outcome").register(registry);
        this.outOfStock = Counter.builder(RESERVATIONS).tag("outcome", "out_of_stock")
                .description("Stock reservation Trys by outcome").register(registry);
    }

    public void reserved() {
        reserved.increment();
    }

    public void outOfStock() {
        outOfStock.increment();
    }

    /**
     * One Confirm or Cancel delivery.
     *
     * @param action  {@code reserve} or {@code sale}
     * @param phase   {@code confirm} or {@code cancel}
     * @param outcome {@code done} or {@code failed} (the coordinator will deliver it again)
     */
    public void phaseTwo(String action, String phase, String outcome) {
        Counter.builder(PHASE_TWO).tag("action", action).tag("phase", phase).tag("outcome", outcome)
                .description("TCC phase-two deliveries handled by inventory").register(registry).increment();
    }
}
