package com.orderpay.order.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order's full story for an operator ({@code GET /api/admin/orders/{orderNo}}): the order, the global transactions
 * that placed it and (for a later payment) paid it, its payment deadline's state ({@code null} for a pay-now order),
 * whether it is stuck and why, and every status it took. Its stock reservation and its freeze are read from their
 * owners ({@code /api/admin/stock-reservations/{orderNo}}, {@code /api/admin/funds-freezes/{orderNo}}).
 */
public record AdminOrderResponse(String orderNo, String userId, String status, List<OrderItemResponse> items,
                                 BigDecimal total, boolean payNow, Instant createdAt, Instant updatedAt,
                                 Instant expiresAt, String placedXid, String paymentXid, Deadline deadline,
                                 boolean stuck, String stuckReason, List<StatusChange> history) {

    /**
     * The order's row in the expiry schedule: {@code PENDING} (awaiting payment until {@code dueAt}),
     * {@code RELEASING} (cancelled or expired, its hold not given back yet: next attempt at {@code dueAt}) or
     * {@code DONE}.
     */
    public record Deadline(String state, Instant dueAt, int releaseAttempts) {
    }

    /** One status change: from ({@code null} for the first), to, when, under which global transaction, and why. */
    public record StatusChange(String from, String to, Instant at, String xid, String cause) {
    }
}
