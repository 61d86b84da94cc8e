package com.orderpay.wallet.api;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** TCC Try of the wallet branch: freeze {@code amount} of the user's available funds for the order. */
public record FreezeFundsRequest(
        @NotBlank @Size(max = 64) String orderNo,
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String userId,
        @NotNull @DecimalMin("0.01") @Digits(integer = 17, fraction = 2) BigDecimal amount) {
}
