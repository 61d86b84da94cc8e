package com.orderpay.order.paying.tcc;

import com.orderpay.order.domain.IllegalOrderTransitionException;
import com.orderpay.order.domain.Order;
import com.orderpay.order.domain.OrderStatus;
import com.orderpay.order.domain.OrderStatusChange.Cause;
import com.orderpay.order.paying.NotPayable;
import com.orderpay.order.persistence.OrderRepository;
import com.orderpay.order.persistence.PaymentDeadlineRepository;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.apache.seata.core.context.RootContext;
import org.apache.seata.rm.tcc.api.BusinessActionContext;
import org.apache.seata.rm.tcc.api.BusinessActionContextParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Phase two works from the XID alone (the Try stores it as the order's {@code payment_xid}), and each step is a
 * status compare-and-set: idempotent even without the fence, whose local transaction it runs in.
 */
@Component
public class OrderPaymentTccActionImpl implements OrderPaymentTccAction {

    private static final Logger log = LoggerFactory.getLogger(OrderPaymentTccActionImpl.class);

    private final OrderRepository orders;
    private final PaymentDeadlineRepository deadlines;
    private final Clock clock;

    public OrderPaymentTccActionImpl(OrderRepository orders, PaymentDeadlineRepository deadlines, Clock clock) {
        this.orders = orders;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    @Override
    public void startPayment(@BusinessActionContextParameter(paramName = "orderNo") String orderNo,
            @BusinessActionContextParameter(paramName = "userId") String userId, String paymentKey,
            BusinessActionContext context) {
        // Outside a global transaction Seata runs the Try as a plain call: nothing would ever confirm or cancel it.
        if (!RootContext.inGlobalTransaction()) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "Paying an order needs a global transaction");
        }
        Instant now = clock.instant();
        Order order = orders.find(orderNo).filter(o -> o.isOwnedBy(userId))
                .orElseThrow(() -> ProblemException.notFound("Order " + orderNo));
        try {
            order.startPayment(now);
        } catch (IllegalOrderTransitionException e) {
            throw NotPayable.because(order, now);
        }
        // The guard itself: of a payment, a cancellation and an expiry racing, only one compare-and-set matches.
        // The payment's Idempotency-Key goes on the order with it: a retry under that key knows the payment as its own.
        if (!orders.saveStartedPayment(order, context.getXid(), paymentKey)) {
            throw NotPayable.lostRace(orderNo);
        }
    }

    @Override
    public boolean confirm(BusinessActionContext context) {
        Optional<Order> paying = orders.findPaymentBy(context.getXid());
        if (paying.isEmpty()) {
            // A commit is only decided after every Try succeeded: a missing row is a bug, not a race.
            log.error("Confirm of payment {}: no order was moved to PAYING by it", context.getXid());
            return false;
        }
        Order order = paying.get();
        if (order.status() == OrderStatus.PAYING) {
            Instant now = clock.instant();
            order.confirmPayment(now);
            if (orders.saveFinishedPayment(order, context.getXid(), Cause.PAYMENT_CONFIRMED)) {
                deadlines.paid(order.orderNo(), now);
                return true;
            }
            order = orders.findPaymentBy(context.getXid()).orElseThrow();
        }
        if (order.status() == OrderStatus.PAID) {
            return true;
        }
        log.error("Confirm of payment {}: order {} is {}, not PAYING", context.getXid(), order.orderNo(), order.status());
        return false;
    }

    @Override
    public boolean cancel(BusinessActionContext context) {
        Optional<Order> paying = orders.findPaymentBy(context.getXid());
        if (paying.isEmpty()) {
            // The Try never moved the order (it lost the race or never ran): nothing to undo.
            return true;
        }
        Order order = paying.get();
        if (order.status() == OrderStatus.PAYING) {
            order.abortPayment(clock.instant());
            if (orders.saveFinishedPayment(order, context.getXid(), Cause.PAYMENT_ROLLED_BACK)) {
                return true;
            }
            order = orders.findPaymentBy(context.getXid()).orElseThrow();
        }
        if (order.status() == OrderStatus.PAID) {
            // The coordinator contradicts itself; keep retrying loudly rather than pretend.
            log.error("Cancel of payment {}: order {} was already paid by it", context.getXid(), order.orderNo());
            return false;
        }
        // Rolled back before, and maybe cancelled or expired since.
        return true;
    }
}
