package com.orderpay.inventory.api;

import java.util.List;

/**
 * The reservation of an order: status {@code TRYING}, {@code HELD}, {@code SELLING}, {@code SOLD},
 * {@code CANCELLED} or {@code RELEASED}, taken from all of its lines (the least settled one if they ever disagree),
 * and each line with its own status.
 */
public record StockReservationResponse(String orderNo, String status, List<ReservedLine> lines) {
}
