package com.orderpay.order.auditing;

import com.orderpay.order.api.OrderAuditResponse;
import com.orderpay.order.api.SettlementRequest.Outcome;
import com.orderpay.order.config.OrderProperties;
import com.orderpay.order.domain.Order;
import com.orderpay.order.domain.OrderStatus;
import com.orderpay.order.domain.OrderStatusChange.Cause;
import com.orderpay.order.persistence.CustomerOrderEntity;
import com.orderpay.order.persistence.CustomerOrderMapper;
import com.orderpay.order.persistence.OrderRepository;
import com.orderpay.order.persistence.PaymentDeadlineRepository;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The order's branch of a global transaction that the coordinator no longer drives, finished on reconciliation's
 * word: the same transitions as the branch's Confirm or Cancel, each a compare-and-set on PLACING or PAYING under
 * that XID, so a repeated or late call changes nothing and a transition that already happened is kept.
 */
@Service
public class OrderSettlement {

    private static final Logger log = LoggerFactory.getLogger(OrderSettlement.class);

    private final CustomerOrderMapper rows;
    private final OrderRepository orders;
    private final PaymentDeadlineRepository deadlines;
    private final OrderProperties properties;
    private final Clock clock;

    public OrderSettlement(CustomerOrderMapper rows, OrderRepository orders, PaymentDeadlineRepository deadlines,
            OrderProperties properties, Clock clock) {
        this.rows = rows;
        this.orders = orders;
        this.deadlines = deadlines;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public OrderAuditResponse settle(String orderNo, String xid, Outcome outcome) {
        CustomerOrderEntity row = rows.selectById(orderNo);
        if (row == null) {
            throw ProblemException.notFound("Order " + orderNo);
        }
        boolean placing = xid.equals(row.getPlacedXid());
        boolean paying = xid.equals(row.getPaymentXid());
        if (!placing && !paying) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED,
                    "Order " + orderNo + " was neither placed nor paid by " + xid);
        }
        Order order = orders.find(orderNo).orElseThrow();
        Instant now = clock.instant();
        if (placing && order.status() == OrderStatus.PLACING) {
            if (outcome == Outcome.COMMIT) {
                order.confirmPlacement(now, properties.paymentTimeout());
            } else {
                order.rejectPlacement(now);
            }
            if (orders.saveTransition(order, OrderStatus.PLACING, xid, Cause.PLACEMENT_SETTLED_BY_RECONCILIATION)) {
                if (order.status() == OrderStatus.AWAITING_PAYMENT) {
                    // As the Confirm does: no unpaid order without its durable deadline (the scan expires it).
                    deadlines.schedule(orderNo, order.expiresAt(), now);
                }
                log.warn("Order {}: placement {} settled by reconciliation ({}): now {}", orderNo, xid, outcome,
                        order.status());
            }
        } else if (paying && order.status() == OrderStatus.PAYING) {
            if (outcome == Outcome.COMMIT) {
                order.confirmPayment(now);
            } else {
                order.abortPayment(now);
            }
            if (orders.saveFinishedPayment(order, xid, Cause.PAYMENT_SETTLED_BY_RECONCILIATION)) {
                if (order.status() == OrderStatus.PAID) {
                    deadlines.paid(orderNo, now);
                }
                log.warn("Order {}: payment {} settled by reconciliation ({}): now {}", orderNo, xid, outcome,
                        order.status());
            }
        }
        return OrderAudits.of(rows.selectById(orderNo));
    }
}
