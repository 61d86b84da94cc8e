package com.orderpay.wallet.api;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A freeze as reconciliation sees it (internal only): its global transaction, and whether its order was refunded.
 */
public record FreezeAuditResponse(long id, String orderNo, String userId, BigDecimal amount, String status,
                                  String xid, Instant updatedAt, boolean refunded) {
}
