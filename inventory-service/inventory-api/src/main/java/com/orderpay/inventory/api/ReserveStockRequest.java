package com.orderpay.inventory.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** TCC Try of the inventory branch: reserve every line or nothing (409 out-of-stock). */
public record ReserveStockRequest(
        @NotBlank @Size(max = 64) String orderNo,
        @NotNull ReservationPurpose purpose,
        @NotNull @Size(min = 1, max = 50) List<@Valid StockLine> lines) {
}
