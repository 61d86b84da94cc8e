package com.orderpay.wallet.api;

import java.math.BigDecimal;

/** A freeze of funds for an order: status {@code TRYING}, {@code DEBITED} or {@code UNFROZEN}. */
public record FundsFreezeResponse(String orderNo, String userId, BigDecimal amount, String status) {
}
