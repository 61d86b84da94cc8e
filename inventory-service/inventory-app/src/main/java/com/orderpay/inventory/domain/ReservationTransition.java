package com.orderpay.inventory.domain;

/**
 * One step of a reservation's state machine: persisted as a compare-and-set from {@code from} to {@code to}; the
 * {@code movement} is applied to the SKU only when that compare-and-set wins.
 */
public record ReservationTransition(ReservationStatus from, ReservationStatus to, StockMovement movement) {
}
