package com.orderpay.order.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Orders in the states the tests need. */
final class OrderMother {

    static final Instant PLACED_AT = Instant.parse("2026-11-24T10:00:00.123Z");

    private OrderMother() {
    }

    static OrderItem item(String skuId, int quantity, String unitPrice) {
        return new OrderItem(skuId, quantity, new BigDecimal(unitPrice));
    }

    static Order placing(boolean payNow) {
        return Order.place("O-TEST", "alice", List.of(item("SKU-1", 2, "12.50"), item("SKU-2", 1, "0.99")), payNow,
                PLACED_AT);
    }

    static Order awaitingPayment(java.time.Duration timeout) {
        Order order = placing(false);
        order.confirmPlacement(PLACED_AT.plusMillis(200), timeout);
        return order;
    }
}
