package com.orderpay.inventory.api;

import java.time.Instant;

/**
 * One reservation line as reconciliation sees it (internal only), with the global transactions of its Try
 * ({@code tryXid}) and of a later sale of the hold ({@code saleXid}).
 */
public record ReservationAuditResponse(long id, String orderNo, String skuId, int quantity, String purpose,
                                       String status, String tryXid, String saleXid, Instant updatedAt) {
}
