package com.orderpay.inventory.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** {@code POST /api/admin/skus/{skuId}/restock}: units received. */
public record RestockRequest(@NotNull @Min(1) @Max(1_000_000) Long quantity) {
}
