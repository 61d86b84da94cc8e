package com.orderpay.order.web;

import com.orderpay.order.api.OrderItemResponse;
import com.orderpay.order.api.OrderResponse;
import com.orderpay.order.domain.Order;

/** The aggregate as the API shows it; the only place an order becomes a wire object. */
public final class OrderResponses {

    private OrderResponses() {
    }

    public static OrderResponse of(Order order) {
        return new OrderResponse(order.orderNo(), order.userId(), order.status().name(),
                order.items().stream()
                        .map(item -> new OrderItemResponse(item.skuId(), item.quantity(), item.unitPrice()))
                        .toList(),
                order.total(), order.createdAt(), order.expiresAt());
    }
}
