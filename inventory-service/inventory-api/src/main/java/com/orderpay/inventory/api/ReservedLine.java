package com.orderpay.inventory.api;

/** One SKU of an order's reservation and where it stands. */
public record ReservedLine(String skuId, int quantity, String status) {
}
