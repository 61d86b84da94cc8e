package com.orderpay.order.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an order is in its life. {@code PLACING} and {@code PAYING} are transient: they last only while the
 * coordinator finishes phase two of the global transaction that placed or pays the order.
 */
public enum OrderStatus {
    /** Recorded by the Try of the placing transaction; the coordinator has not confirmed or cancelled it yet. */
    PLACING,
    /** Placed with pay-later: the stock is held until {@code expiresAt}. */
    AWAITING_PAYMENT,
    /** A payment's global transaction is running; it ends PAID, or back in AWAITING_PAYMENT. */
    PAYING,
    PAID,
    /** The placing transaction rolled back: nothing was reserved or charged. */
    REJECTED,
    /** Cancelled by its owner before paying; the hold was released. */
    CANCELLED,
    /** Not paid before {@code expiresAt}; the hold was released. */
    EXPIRED;

    static {
        PLACING.next = EnumSet.of(AWAITING_PAYMENT, PAID, REJECTED);
        AWAITING_PAYMENT.next = EnumSet.of(PAYING, CANCELLED, EXPIRED);
        PAYING.next = EnumSet.of(PAID, AWAITING_PAYMENT);
        PAID.next = EnumSet.noneOf(OrderStatus.class);
        REJECTED.next = EnumSet.noneOf(OrderStatus.class);
        CANCELLED.next = EnumSet.noneOf(OrderStatus.class);
        EXPIRED.next = EnumSet.noneOf(OrderStatus.class);
    }

    private Set<OrderStatus> next;

    public boolean canMoveTo(OrderStatus target) {
        return next.contains(target);
    }

    /** No transition leaves a final status. */
    public boolean isFinal() {
        return next.isEmpty();
    }

    /** Shown only while the coordinator finishes phase two. */
    public boolean isTransient() {
        return this == PLACING || this == PAYING;
    }
}
