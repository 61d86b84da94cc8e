package com.orderpay.order.api;

import java.util.List;

/** Own orders, newest first; {@code nextCursor} is null on the last page. */
public record OrderPageResponse(List<OrderResponse> orders, String nextCursor) {
}
