package com.orderpay.inventory.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** Units of one SKU in a reservation. */
public record StockLine(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String skuId,
        @Min(1) @Max(1000) int quantity) {
}
