package com.orderpay.inventory.domain;

/** A step the reservation's state machine does not allow from its current state (e.g. Confirm after Cancel). */
public class IllegalReservationTransitionException extends IllegalStateException {

    private final ReservationStatus status;

    public IllegalReservationTransitionException(String step, StockReservation reservation) {
        super(step + " is not allowed for the " + reservation.purpose() + " reservation of order "
                + reservation.orderNo() + ", SKU " + reservation.skuId() + " in status " + reservation.status());
        this.status = reservation.status();
    }

    public ReservationStatus status() {
        return status;
    }
}
