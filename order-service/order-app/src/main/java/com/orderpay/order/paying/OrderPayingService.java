package com.orderpay.order.paying;

import com.orderpay.order.client.Coordinator;
import com.orderpay.order.domain.Order;
import com.orderpay.order.domain.OrderStatus;
import com.orderpay.order.expiring.PaymentDeadlines;
import com.orderpay.order.persistence.OrderRepository;
import com.orderpay.order.querying.OrderQueries;
import com.orderpay.platform.idempotency.IdempotentAttempt;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;

/**
 * Pays an order placed with pay-later: 200 PAID, 409 insufficient-balance (the order still awaits payment, its
 * stock still held) or 409 order-not-payable (not awaiting payment, past its deadline, or another payment, the
 * cancellation or the expiry won the race).
 */
@Service
public class OrderPayingService {

    private final OrderQueries queries;
    private final OrderPayment payment;
    private final Coordinator coordinator;
    private final OrderRepository orders;
    private final PaymentDeadlines deadlines;
    private final PaymentMetrics metrics;
    private final Clock clock;

    public OrderPayingService(OrderQueries queries, OrderPayment payment, Coordinator coordinator,
            OrderRepository orders, PaymentDeadlines deadlines, PaymentMetrics metrics, Clock clock) {
        this.queries = queries;
        this.payment = payment;
        this.coordinator = coordinator;
        this.orders = orders;
        this.deadlines = deadlines;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * @param paymentKey the request's Idempotency-Key, stored on the order by the payment's Try
     * @param attempt    a resumed attempt first looks whether its earlier attempt paid the order
     * @return the order as stored after the global commit: PAID, or still PAYING when the coordinator has not
     *         finished phase two of the order's own branch yet
     */
    public Order pay(String userId, String orderNo, String paymentKey, IdempotentAttempt attempt) {
        Order order = queries.ownOrder(userId, orderNo);
        Instant now = clock.instant();
        if (attempt.isResumed() && orders.paymentKeyOf(orderNo).filter(paymentKey::equals).isPresent()) {
            // An earlier attempt under this key started the payment: its outcome is the answer, never a second try.
            if (order.status() == OrderStatus.PAID) {
                return order;
            }
            if (order.status() == OrderStatus.PAYING) {
                throw new ProblemException(ProblemCode.SERVICE_UNAVAILABLE,
                        "The payment of order " + orderNo + " under this Idempotency-Key is still being decided; retry");
            }
        }
        // Obvious refusals cost no global transaction; the Try's compare-and-set stays the guard for the rest.
        if (order.status() != OrderStatus.AWAITING_PAYMENT || order.isPastDeadline(now)) {
            throw NotPayable.because(order, now);
        }
        try {
            coordinator.run("Paying " + orderNo, () -> payment.pay(order, paymentKey));
        } catch (ProblemException e) {
            metrics.counted(PaymentMetrics.Flow.PAY_LATER, e.code().status().is4xxClientError()
                    ? PaymentMetrics.Outcome.DECLINED : PaymentMetrics.Outcome.FAILED);
            throw e;
        } catch (RuntimeException e) {
            metrics.counted(PaymentMetrics.Flow.PAY_LATER, PaymentMetrics.Outcome.FAILED);
            throw e;
        }
        metrics.counted(PaymentMetrics.Flow.PAY_LATER, PaymentMetrics.Outcome.PAID);
        Order paid = orders.find(orderNo).orElseThrow();
        deadlines.forget(orderNo);
        return paid;
    }
}
