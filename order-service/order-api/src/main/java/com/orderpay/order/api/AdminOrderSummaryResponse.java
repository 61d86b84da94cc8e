package com.orderpay.order.api;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order in the operators' search ({@code GET /api/admin/orders}): {@code stuck} is true, with the reason in words,
 * when it sits in PLACING or PAYING past a global transaction's lifetime, awaits payment past its deadline, or still
 * owes its hold back.
 */
public record AdminOrderSummaryResponse(String orderNo, String userId, String status, BigDecimal total, boolean payNow,
                                        Instant createdAt, Instant updatedAt, Instant expiresAt, boolean stuck,
                                        String stuckReason) {
}
