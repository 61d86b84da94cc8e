package com.orderpay.inventory.api;

import java.math.BigDecimal;

/** A catalogue entry as the storefront sees it ({@code GET /api/skus}). */
public record SkuResponse(String skuId, String name, BigDecimal price, long available) {
}
