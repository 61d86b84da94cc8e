package com.orderpay.inventory.api;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** {@code PUT /api/admin/skus/{skuId}}: create a SKU or update its name, price and on-hand count. */
public record UpsertSkuRequest(
        @NotBlank @Size(max = 200) @Pattern(regexp = UpsertSkuRequest.PRINTABLE_NAME,
                message = "must not hold control characters, bidirectional overrides or unpaired surrogates")
        String name,
        @NotNull @DecimalMin("0.01") @Digits(integer = 17, fraction = 2) BigDecimal price,
        @NotNull @Min(0) @Max(UpsertSkuRequest.MAX_ON_HAND) Long onHand) {

    /** Shown to buyers as is: no control characters, no bidi overrides or isolates, no unpaired surrogates. */
    public static final String PRINTABLE_NAME = "[^\\p{Cc}\\p{Cs}\\u202A-\\u202E\\u2066-\\u2069]*";

    /** The most units a SKU has on hand, set or restocked to. */
    public static final long MAX_ON_HAND = 100_000_000L;
}
