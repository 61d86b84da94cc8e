package com.orderpay.order.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order: status {@code AWAITING_PAYMENT}, {@code PAID}, {@code CANCELLED}, {@code EXPIRED} or
 * {@code REJECTED}; {@code PLACING}/{@code PAYING} only while the coordinator finishes phase two.
 */
public record OrderResponse(String orderNo, String userId, String status, List<OrderItemResponse> items,
                            BigDecimal total, Instant createdAt, Instant expiresAt) {
}
