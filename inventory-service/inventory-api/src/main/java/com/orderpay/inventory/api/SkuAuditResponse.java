package com.orderpay.inventory.api;

/**
 * A SKU's figures next to what its reservations say they should be, read in one statement (one snapshot):
 * {@code reserved} should equal the units of its TRYING, HELD and SELLING lines, {@code sold} those of its SOLD ones.
 */
public record SkuAuditResponse(String skuId, long onHand, long reserved, long sold, long reservedByReservations,
                               long soldByReservations) {

    public boolean consistent() {
        return onHand >= 0 && reserved >= 0 && sold >= 0 && reserved <= onHand
                && reserved == reservedByReservations && sold == soldByReservations;
    }
}
