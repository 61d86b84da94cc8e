package com.orderpay.inventory.api;

/** What a reservation becomes when its global transaction commits. */
public enum ReservationPurpose {
    /** Paid now: the units are sold on Confirm. */
    SALE,
    /** Pay later: the units stay reserved as a hold until paid, cancelled or expired. */
    HOLD
}
