package com.orderpay.wallet.api;

import java.math.BigDecimal;

/** One user's debits in a window: how many, and how much in all. */
public record UserPaymentsResponse(String userId, long payments, BigDecimal amount) {
}
