package com.orderpay.order.domain;

/** A transition the order's state machine does not allow (paying a cancelled order, expiring a paid one, ...). */
public class IllegalOrderTransitionException extends RuntimeException {

    private final String orderNo;
    private final OrderStatus from;
    private final OrderStatus to;

    public IllegalOrderTransitionException(String orderNo, OrderStatus from, OrderStatus to, String why) {
        super("Order " + orderNo + " cannot go from " + from + " to " + to + ": " + why);
        this.orderNo = orderNo;
        this.from = from;
        this.to = to;
    }

    public String orderNo() {
        return orderNo;
    }

    public OrderStatus from() {
        return from;
    }

    public OrderStatus to() {
        return to;
    }
}
