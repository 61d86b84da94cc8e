package com.orderpay.order.paying;

import com.orderpay.order.domain.Order;
import com.orderpay.order.domain.OrderStatus;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import java.time.Instant;

/** 409 order-not-payable, with the reason the caller can act on. */
public final class NotPayable {

    private NotPayable() {
    }

    /** The order as seen is not payable (or cancellable) at {@code now}. */
    public static ProblemException because(Order order, Instant now) {
        String why = order.status() == OrderStatus.AWAITING_PAYMENT && order.isPastDeadline(now)
                ? "passed its payment deadline " + order.expiresAt()
                : "is " + order.status() + "; only an order awaiting payment can be paid or cancelled";
        return new ProblemException(ProblemCode.ORDER_NOT_PAYABLE, "Order " + order.orderNo() + " " + why);
    }

    /** Another payment, a cancellation or the expiry changed the order first. */
    public static ProblemException lostRace(String orderNo) {
        return new ProblemException(ProblemCode.ORDER_NOT_PAYABLE,
                "Order " + orderNo + " no longer awaits payment: it is being paid, or was paid, cancelled or expired");
    }
}
