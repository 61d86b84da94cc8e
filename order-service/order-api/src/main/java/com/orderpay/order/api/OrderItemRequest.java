package com.orderpay.order.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

public record OrderItemRequest(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String skuId,
        @NotNull @Min(1) @Max(1000) Integer quantity) {
}
