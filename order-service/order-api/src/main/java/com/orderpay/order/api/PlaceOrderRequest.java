package com.orderpay.order.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * {@code POST /api/orders}: 1-50 distinct SKUs; {@code payNow} (default true) pays in the same global
 * transaction, else the stock is held until {@code expiresAt}.
 */
public record PlaceOrderRequest(
        @NotNull @Size(min = 1, max = 50) List<@Valid @NotNull OrderItemRequest> items,
        Boolean payNow) {

    public boolean paysNow() {
        return payNow == null || payNow;
    }
}
