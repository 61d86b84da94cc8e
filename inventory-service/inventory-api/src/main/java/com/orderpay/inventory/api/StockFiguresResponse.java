package com.orderpay.inventory.api;

import java.math.BigDecimal;

/** All stock figures of a SKU (admin and internal): {@code available = onHand - reserved}. */
public record StockFiguresResponse(String skuId, String name, BigDecimal price, long onHand, long reserved,
                                   long available, long sold) {
}
