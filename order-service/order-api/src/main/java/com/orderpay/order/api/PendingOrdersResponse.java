package com.orderpay.order.api;

import java.time.Instant;

/** How many orders placed before {@code createdBefore} are still pending (PLACING, AWAITING_PAYMENT or PAYING). */
public record PendingOrdersResponse(Instant createdBefore, long pending) {
}
