package com.orderpay.wallet.api;

import java.math.BigDecimal;
import java.time.Instant;

/** The order's refund entry; {@code replayed} when it existed before this call. */
public record RefundResponse(String orderNo, String userId, BigDecimal amount, long entryId, Instant createdAt,
                             boolean replayed) {
}
