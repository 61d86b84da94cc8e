package com.orderpay.inventory.api;

import java.util.List;

/**
 * The reservation of an order: status {@code TRYING}, {@code HELD}, {@code SELLING}, {@code SOLD},
 * {@code CANCELLED} or {@code RELEASED}.
 */
public record StockReservationResponse(String orderNo, String status, List<StockLine> lines) {
}
