package com.orderpay.inventory.domain;

/**
 * Where the stock of one order line stands. {@code TRYING} (Try done, global outcome unknown) ends in {@code SOLD}
 * or {@code HELD} on Confirm, or {@code CANCELLED} on Cancel; a hold is sold through {@code SELLING} (pay-later
 * payment in flight) or given back as {@code RELEASED}.
 */
public enum ReservationStatus {
    TRYING,
    HELD,
    SELLING,
    SOLD,
    CANCELLED,
    RELEASED
}
