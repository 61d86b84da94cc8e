package com.orderpay.order.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Units of one SKU in an order, at the catalogue price of the moment it was placed.
 *
 * @param unitPrice money, two fraction digits
 */
public record OrderItem(String skuId, int quantity, BigDecimal unitPrice) {

    public static final int MAX_QUANTITY = 1000;

    public OrderItem {
        Objects.requireNonNull(skuId, "skuId");
        Objects.requireNonNull(unitPrice, "unitPrice");
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            throw new IllegalArgumentException("quantity of " + skuId + " must be 1-" + MAX_QUANTITY + ", was " + quantity);
        }
        if (unitPrice.signum() <= 0) {
            throw new IllegalArgumentException("unit price of " + skuId + " must be positive, was " + unitPrice);
        }
        // Money has two fraction digits; a price with more would be rounding waiting to happen.
        unitPrice = unitPrice.setScale(2, RoundingMode.UNNECESSARY);
    }

    public BigDecimal lineTotal() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
