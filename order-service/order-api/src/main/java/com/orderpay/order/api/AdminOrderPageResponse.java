package com.orderpay.order.api;

import java.util.List;

/** A page of the operators' order search, newest first; {@code nextCursor} is null on the last page. */
public record AdminOrderPageResponse(List<AdminOrderSummaryResponse> orders, String nextCursor) {
}
