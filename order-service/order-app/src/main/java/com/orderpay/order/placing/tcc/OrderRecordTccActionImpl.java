package com.orderpay.order.placing.tcc;

import com.orderpay.order.config.OrderProperties;
import com.orderpay.order.domain.Order;
import com.orderpay.order.domain.OrderStatus;
import com.orderpay.order.domain.OrderStatusChange.Cause;
import com.orderpay.order.persistence.OrderRepository;
import com.orderpay.order.persistence.PaymentDeadlineRepository;
import com.orderpay.order.placing.UnpaidOrderLimits;
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
 * Phase two works from the XID alone (the row carries the XID that placed it), and each step is a status
 * compare-and-set: idempotent even without the fence, whose local transaction it runs in.
 */
@Component
public class OrderRecordTccActionImpl implements OrderRecordTccAction {

    private static final Logger log = LoggerFactory.getLogger(OrderRecordTccActionImpl.class);

    private final OrderRepository orders;
    private final PaymentDeadlineRepository deadlines;
    private final OrderProperties properties;
    private final UnpaidOrderLimits unpaidLimits;
    private final Clock clock;

    public OrderRecordTccActionImpl(OrderRepository orders, PaymentDeadlineRepository deadlines,
            OrderProperties properties, UnpaidOrderLimits unpaidLimits, Clock clock) {
        this.orders = orders;
        this.deadlines = deadlines;
        this.properties = properties;
        this.unpaidLimits = unpaidLimits;
        this.clock = clock;
    }

    @Override
    public void record(@BusinessActionContextParameter(paramName = "orderNo") String orderNo, Order order,
            String placementKey, BusinessActionContext context) {
        // Outside a global transaction Seata runs the Try as a plain call: nothing would ever confirm or cancel it.
        if (!RootContext.inGlobalTransaction()) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "Recording an order needs a global transaction");
        }
        if (!order.paysNow()) {
            // Under the user's row lock until this local transaction commits: concurrent placements count in turn.
            unpaidLimits.check(orders.lockAndCountUnpaid(order.userId()), order);
        }
        orders.add(order, context.getXid(), placementKey);
    }

    @Override
    public boolean confirm(BusinessActionContext context) {
        Optional<Order> placed = orders.findPlacedBy(context.getXid());
        if (placed.isEmpty()) {
            // A commit is only decided after every Try succeeded: a missing row is a bug, not a race.
            log.error("Confirm of {}: no order was recorded by this transaction", context.getXid());
            return false;
        }
        Order order = placed.get();
        if (!order.isPlacementSettled()) {
            Instant now = clock.instant();
            order.confirmPlacement(now, properties.paymentTimeout());
            if (orders.saveTransition(order, OrderStatus.PLACING, context.getXid(), Cause.PLACEMENT_CONFIRMED)) {
                if (order.status() == OrderStatus.AWAITING_PAYMENT) {
                    // Same local transaction as the status: no unpaid order without its durable deadline.
                    deadlines.schedule(order.orderNo(), order.expiresAt(), now);
                }
                return true;
            }
            order = orders.findPlacedBy(context.getXid()).orElseThrow();
        }
        // Already confirmed (a repeated Confirm): fine. Rejected: the coordinator contradicts itself; keep retrying
        // loudly rather than pretend.
        if (order.status() == OrderStatus.REJECTED) {
            log.error("Confirm of {}: order {} was already rejected", context.getXid(), order.orderNo());
            return false;
        }
        return true;
    }

    @Override
    public boolean cancel(BusinessActionContext context) {
        Optional<Order> placed = orders.findPlacedBy(context.getXid());
        if (placed.isEmpty()) {
            // The Try never recorded the order (it failed, or an earlier branch did): nothing to undo.
            return true;
        }
        Order order = placed.get();
        if (!order.isPlacementSettled()) {
            order.rejectPlacement(clock.instant());
            if (orders.saveTransition(order, OrderStatus.PLACING, context.getXid(), Cause.PLACEMENT_ROLLED_BACK)) {
                return true;
            }
            order = orders.findPlacedBy(context.getXid()).orElseThrow();
        }
        if (order.status() != OrderStatus.REJECTED) {
            log.error("Cancel of {}: order {} was already {}", context.getXid(), order.orderNo(), order.status());
            return false;
        }
        return true;
    }
}
