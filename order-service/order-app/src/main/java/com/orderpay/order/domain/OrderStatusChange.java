package com.orderpay.order.domain;

import java.time.Instant;

/**
 * One step of an order's story: the status it left ({@code from}, null for its first), the status it took, when, the
 * global transaction that made the change (null for a cancellation or an expiry) and what made it.
 */
public record OrderStatusChange(OrderStatus from, OrderStatus to, Instant at, String xid, Cause cause) {

    /** What made a status change, in the words an operator reads. */
    public enum Cause {
        /** The placing global transaction's Try recorded the order. */
        PLACEMENT_TRIED,
        /** The coordinator committed the placement (Confirm). */
        PLACEMENT_CONFIRMED,
        /** The coordinator rolled the placement back (Cancel). */
        PLACEMENT_ROLLED_BACK,
        /** Reconciliation finished a placement the coordinator no longer drove. */
        PLACEMENT_SETTLED_BY_RECONCILIATION,
        /** The payment's global transaction's Try. */
        PAYMENT_STARTED,
        PAYMENT_CONFIRMED,
        PAYMENT_ROLLED_BACK,
        PAYMENT_SETTLED_BY_RECONCILIATION,
        CANCELLED_BY_BUYER,
        EXPIRED_BY_REDIS_LAYER,
        EXPIRED_BY_DB_LAYER,
        EXPIRED_BY_TIMER_LAYER
    }
}
