package com.orderpay.wallet.api;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * Gives back the money an order was debited (all of it): one REFUND entry per order at most, whoever asks and
 * however often.
 */
public record RefundRequest(
        @NotBlank @Size(max = 64) String orderNo,
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String userId,
        @NotNull @DecimalMin("0.01") @Digits(integer = 17, fraction = 2) BigDecimal amount,
        @NotBlank @Size(max = 200) String reason) {
}
