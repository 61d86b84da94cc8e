package com.orderpay.order.expiring;

import com.orderpay.order.domain.Order;
import com.orderpay.order.domain.OrderStatus;
import com.orderpay.order.persistence.OrderRepository;
import com.orderpay.order.persistence.PaymentDeadlineRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way every layer expires an order. One local transaction makes the status compare-and-set
 * (AWAITING_PAYMENT and past the deadline becomes EXPIRED) and marks the hold as owed back; only the winner
 * releases the hold and counts the expiry. A payment that already moved the order to PAYING wins instead: the
 * expiry finds nothing to change, and looks again later in case that payment rolls back.
 */
@Component
public class PaymentDeadlineExpiry {

    private static final Logger log = LoggerFactory.getLogger(PaymentDeadlineExpiry.class);

    private final OrderRepository orders;
    private final PaymentDeadlineRepository deadlines;
    private final HeldStockRelease holds;
    private final ExpiryMetrics metrics;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public PaymentDeadlineExpiry(OrderRepository orders, PaymentDeadlineRepository deadlines, HeldStockRelease holds,
            ExpiryMetrics metrics, TransactionTemplate transactions, Clock clock) {
        this.orders = orders;
        this.deadlines = deadlines;
        this.holds = holds;
        this.metrics = metrics;
        this.transactions = transactions;
        this.clock = clock;
    }

    public ExpiryOutcome expire(String orderNo, ExpiryLayer layer) {
        Optional<Order> found = orders.find(orderNo);
        if (found.isEmpty()) {
            log.warn("{} layer: order {} to expire is unknown", layer.tag(), orderNo);
            return ExpiryOutcome.NOTHING_TO_DO;
        }
        Order order = found.get();
        if (order.status() == OrderStatus.PLACING || order.status() == OrderStatus.PAYING) {
            return ExpiryOutcome.RECHECK_LATER;
        }
        if (order.status() != OrderStatus.AWAITING_PAYMENT) {
            return ExpiryOutcome.NOTHING_TO_DO;
        }
        Instant now = clock.instant();
        if (!order.isPastDeadline(now)) {
            return ExpiryOutcome.NOT_DUE;
        }
        order.expire(now);
        boolean won = Boolean.TRUE.equals(transactions.execute(status -> {
            if (!orders.saveExpiry(order, layer.cause())) {
                return false;
            }
            deadlines.holdToRelease(orderNo, holds.firstRetryAt(now), now);
            return true;
        }));
        if (!won) {
            // Paid, cancelled or expired meanwhile; a payment that started may still roll back, so look again.
            return ExpiryOutcome.RECHECK_LATER;
        }
        Duration lateBy = Duration.between(order.expiresAt(), order.updatedAt());
        metrics.expired(layer, lateBy);
        log.info("Order {} expired by the {} layer, {} ms after its deadline", orderNo, layer.tag(), lateBy.toMillis());
        holds.release(orderNo, 0);
        return ExpiryOutcome.EXPIRED;
    }
}
