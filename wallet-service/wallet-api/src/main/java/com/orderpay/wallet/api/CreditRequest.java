package com.orderpay.wallet.api;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;

/** {@code POST /api/admin/wallets/{userId}/credits}: a top-up. */
public record CreditRequest(
        @NotNull @DecimalMin("0.01") @DecimalMax("1000000.00") @Digits(integer = 17, fraction = 2) BigDecimal amount) {
}
