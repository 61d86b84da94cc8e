package com.orderpay.order.api;

import java.util.List;

/** A page of orders in order-number order; {@code nextCursor} is null on the last page. */
public record OrderAuditPageResponse(List<OrderAuditResponse> orders, String nextCursor) {
}
