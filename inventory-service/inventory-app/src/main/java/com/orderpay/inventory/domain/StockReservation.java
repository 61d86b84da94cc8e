package com.orderpay.inventory.domain;

import com.orderpay.inventory.api.ReservationPurpose;
import java.util.Objects;
import java.util.Optional;

/**
 * The stock one order reserved of one SKU, and its state machine. Every step answers the transition to persist,
 * or empty when the step already happened (phase two is delivered at least once, so a repeat must be harmless),
 * or throws when the step contradicts what already happened.
 */
public record StockReservation(String orderNo, String skuId, int quantity, ReservationPurpose purpose,
                               ReservationStatus status, String tryXid, String saleXid) {

    public StockReservation {
        Objects.requireNonNull(orderNo, "orderNo");
        Objects.requireNonNull(skuId, "skuId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(status, "status");
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive: " + quantity);
        }
    }

    /** What a successful Try leaves behind: the units are reserved, the global outcome is not known yet. */
    public static StockReservation tried(String orderNo, SkuQuantity line, ReservationPurpose purpose, String tryXid) {
        return new StockReservation(orderNo, line.skuId(), line.quantity(), purpose, ReservationStatus.TRYING,
                Objects.requireNonNull(tryXid, "tryXid"), null);
    }

    /** Global commit of the reservation: a sale sells the units, a hold keeps them reserved. */
    public Optional<ReservationTransition> confirm() {
        if (status == ReservationStatus.TRYING) {
            return purpose == ReservationPurpose.SALE
                    ? step(ReservationStatus.SOLD, StockMovement.SELL)
                    : step(ReservationStatus.HELD, StockMovement.NONE);
        }
        boolean confirmedBefore = purpose == ReservationPurpose.SALE
                ? status == ReservationStatus.SOLD
                // a hold may have moved on since its Confirm: being paid, paid, or given back
                : status == ReservationStatus.HELD || status == ReservationStatus.SELLING
                        || status == ReservationStatus.SOLD || status == ReservationStatus.RELEASED;
        if (confirmedBefore) {
            return Optional.empty();
        }
        throw new IllegalReservationTransitionException("Confirm", this);
    }

    /** Global rollback of the reservation: the units become available again. */
    public Optional<ReservationTransition> cancel() {
        return switch (status) {
            case TRYING -> step(ReservationStatus.CANCELLED, StockMovement.RETURN);
            case CANCELLED -> Optional.empty();
            default -> throw new IllegalReservationTransitionException("Cancel", this);
        };
    }

    /** Try of a pay-later payment: the hold is about to be sold by the global transaction {@code xid}. */
    public Optional<ReservationTransition> beginSale(String xid) {
        if (status == ReservationStatus.HELD) {
            return step(ReservationStatus.SELLING, StockMovement.NONE);
        }
        if (status == ReservationStatus.SELLING && Objects.equals(saleXid, xid)) {
            return Optional.empty();
        }
        throw new IllegalReservationTransitionException("Sale", this);
    }

    /** Global commit of the payment: the held units are sold. */
    public Optional<ReservationTransition> completeSale() {
        return switch (status) {
            case SELLING -> step(ReservationStatus.SOLD, StockMovement.SELL);
            case SOLD -> purpose == ReservationPurpose.HOLD ? Optional.empty()
                    : throwIllegal("Sale confirm");
            default -> throwIllegal("Sale confirm");
        };
    }

    /** Global rollback of the payment: the units are held again, the order can still be paid or released. */
    public Optional<ReservationTransition> abortSale() {
        return switch (status) {
            case SELLING -> step(ReservationStatus.HELD, StockMovement.NONE);
            // already back to a hold, and maybe released since
            case HELD, RELEASED -> Optional.empty();
            default -> throwIllegal("Sale cancel");
        };
    }

    /**
     * Cancellation, expiry or repair of an unpaid order: a hold is given back; in any other state there is
     * nothing held to give (a sale in flight is never released under the payment's feet).
     */
    public Optional<ReservationTransition> release() {
        return status == ReservationStatus.HELD
                ? step(ReservationStatus.RELEASED, StockMovement.RETURN)
                : Optional.empty();
    }

    private Optional<ReservationTransition> step(ReservationStatus to, StockMovement movement) {
        return Optional.of(new ReservationTransition(status, to, movement));
    }

    private <T> T throwIllegal(String step) {
        throw new IllegalReservationTransitionException(step, this);
    }
}
