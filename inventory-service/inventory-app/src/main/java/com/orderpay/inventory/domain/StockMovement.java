package com.orderpay.inventory.domain;

/** What a reservation's transition does to its SKU's figures. */
public enum StockMovement {
    /** Figures stay: the units remain reserved. */
    NONE,
    /** The reserved units are sold: {@code reserved -= q, onHand -= q, sold += q}. */
    SELL,
    /** The reserved units become available again: {@code reserved -= q}. */
    RETURN
}
