package com.orderpay.order.expiring;

import com.orderpay.order.persistence.OrderRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Unpaid orders: how many await payment, which layer expired them, and how late after their deadline. Only the
 * attempt that won the compare-and-set counts, so each expired order is counted once whichever layers raced.
 */
@Component
public class ExpiryMetrics {

    public static final String AWAITING_PAYMENT = "orderpay.orders.awaiting.payment";
    public static final String AWAITING_PAYMENT_STALE = "orderpay.orders.awaiting.payment.stale";
    /** An order still unpaid this long after its placement is stuck: every expiry layer should have ended it. */
    static final Duration STALE_AFTER = Duration.ofMinutes(30);
    public static final String EXPIRED = "orderpay.orders.expired";
    public static final String EXPIRY_LAG = "orderpay.orders.expiry.lag";

    private static final Logger log = LoggerFactory.getLogger(ExpiryMetrics.class);

    private final OrderRepository orders;
    private final Clock clock;
    private final AtomicLong awaitingPayment = new AtomicLong();
    private final AtomicLong awaitingPaymentStale = new AtomicLong();
    private final Map<ExpiryLayer, Counter> expired = new EnumMap<>(ExpiryLayer.class);
    private final Map<ExpiryLayer, Timer> lag = new EnumMap<>(ExpiryLayer.class);

    public ExpiryMetrics(MeterRegistry registry, OrderRepository orders, Clock clock) {
        this.orders = orders;
        this.clock = clock;
        Gauge.builder(AWAITING_PAYMENT, awaitingPayment, AtomicLong::get)
                .description("Orders awaiting payment (all replicas), refreshed every scan interval")
                .register(registry);
        Gauge.builder(AWAITING_PAYMENT_STALE, awaitingPaymentStale, AtomicLong::get)
                .description("Orders awaiting payment for over 30 minutes (all replicas): stuck, none should be")
                .register(registry);
        for (ExpiryLayer layer : ExpiryLayer.values()) {
            expired.put(layer, Counter.builder(EXPIRED).description("Unpaid orders expired, by the layer that did it")
                    .tag("layer", layer.tag()).register(registry));
            lag.put(layer, Timer.builder(EXPIRY_LAG).description("Time from an order's deadline to its expiry")
                    .tag("layer", layer.tag()).publishPercentiles(0.5, 0.95, 0.99).register(registry));
        }
    }

    void expired(ExpiryLayer layer, Duration lateBy) {
        expired.get(layer).increment();
        lag.get(layer).record(lateBy.isNegative() ? Duration.ZERO : lateBy);
    }

    /** A count on the indexed status column per interval on each replica, never a query per scrape. */
    @Scheduled(fixedDelayString = "${orderpay.order.expiry-scan-interval}")
    public void refreshAwaitingPayment() {
        try {
            awaitingPayment.set(orders.countAwaitingPayment());
            awaitingPaymentStale.set(orders.countAwaitingPaymentPlacedBefore(clock.instant().minus(STALE_AFTER)));
        } catch (RuntimeException e) {
            log.warn("Orders awaiting payment not counted: {}", e.toString());
        }
    }
}
