package com.orderpay.order.api;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order as reconciliation sees it (internal only): its status with the global transactions that placed it and,
 * for a later payment, paid it, so that their branches in inventory and wallet can be matched with it.
 */
public record OrderAuditResponse(String orderNo, String userId, String status, BigDecimal total, boolean payNow,
                                 Instant createdAt, Instant updatedAt, Instant expiresAt, String placedXid,
                                 String paymentXid) {
}
