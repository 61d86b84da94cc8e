package com.orderpay.wallet.freezing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Freeze outcomes and phase-two steps, low-cardinality tags only (never an order number, user or XID). */
@Component
public class WalletMetrics {

    public static final String FREEZES = "orderpay.wallet.freezes";
    public static final String PHASE_TWO = "orderpay.wallet.tcc.phase.two";

    private final MeterRegistry registry;
    private final Counter frozen;
    private final Counter insufficientBalance;

    public WalletMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.frozen = Counter.builder(FREEZES).tag("outcome", "frozen")
                .description("Funds freeze Trys by outcome").register(registry);
        this.insufficientBalance = Counter.builder(FREEZES).tag("outcome", "insufficient_balance")
                .description("Funds freeze Trys by outcome").register(registry);
    }

    public void frozen() {
        frozen.increment();
    }

    public void insufficientBalance() {
        insufficientBalance.increment();
    }

    /**
     * One Confirm or Cancel delivery.
     *
     * @param phase   {@code confirm} or {@code cancel}
     * @param outcome {@code done} or {@code failed} (the coordinator will deliver it again)
     */
    public void phaseTwo(String phase, String outcome) {
        Counter.builder(PHASE_TWO).tag("phase", phase).tag("outcome", outcome)
                .description("TCC phase-two deliveries handled by the wallet").register(registry).increment();
    }
}
