package com.orderpay.inventory.domain;

/** Units of one SKU asked for by an order. */
public record SkuQuantity(String skuId, int quantity) {

    public SkuQuantity {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive: " + quantity);
        }
    }
}
