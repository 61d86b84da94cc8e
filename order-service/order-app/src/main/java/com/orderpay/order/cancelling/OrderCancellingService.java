package com.orderpay.order.cancelling;

import com.orderpay.order.domain.IllegalOrderTransitionException;
import com.orderpay.order.domain.Order;
import com.orderpay.order.domain.OrderStatus;
import com.orderpay.order.expiring.HeldStockRelease;
import com.orderpay.order.expiring.PaymentDeadlines;
import com.orderpay.order.paying.NotPayable;
import com.orderpay.order.persistence.OrderRepository;
import com.orderpay.order.persistence.PaymentDeadlineRepository;
import com.orderpay.order.querying.OrderQueries;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The owner cancels an unpaid order. One local transaction makes the status compare-and-set (only from
 * AWAITING_PAYMENT, so a payment that already started wins) and marks the hold as owed back; then the hold is
 * released. If inventory does not answer, the order is CANCELLED all the same and the scan keeps retrying the release.
 */
@Service
public class OrderCancellingService {

    private final OrderQueries queries;
    private final OrderRepository orders;
    private final PaymentDeadlineRepository deadlineRows;
    private final PaymentDeadlines deadlines;
    private final HeldStockRelease holds;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public OrderCancellingService(OrderQueries queries, OrderRepository orders, PaymentDeadlineRepository deadlineRows,
            PaymentDeadlines deadlines, HeldStockRelease holds, TransactionTemplate transactions, Clock clock) {
        this.queries = queries;
        this.orders = orders;
        this.deadlineRows = deadlineRows;
        this.deadlines = deadlines;
        this.holds = holds;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * @param resumed an earlier attempt under the request's Idempotency-Key ended without an answer: if it
     *                cancelled the order, that is the answer (its hold is owed back by the deadline row either way)
     * @return the order, CANCELLED; 404 when it is not the caller's, 409 order-not-payable when not awaiting payment
     */
    public Order cancel(String userId, String orderNo, boolean resumed) {
        Order order = queries.ownOrder(userId, orderNo);
        if (resumed && order.status() == OrderStatus.CANCELLED) {
            return order;
        }
        Instant now = clock.instant();
        try {
            order.cancel(now);
        } catch (IllegalOrderTransitionException e) {
            throw NotPayable.because(order, now);
        }
        boolean won = Boolean.TRUE.equals(transactions.execute(status -> {
            if (!orders.saveCancellation(order)) {
                return false;
            }
            deadlineRows.holdToRelease(orderNo, holds.firstRetryAt(now), now);
            return true;
        }));
        if (!won) {
            throw NotPayable.lostRace(orderNo);
        }
        deadlines.forget(orderNo);
        holds.release(orderNo, 0);
        return order;
    }
}
