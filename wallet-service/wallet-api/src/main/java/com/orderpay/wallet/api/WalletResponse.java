package com.orderpay.wallet.api;

import java.math.BigDecimal;

/** A user's wallet: {@code available} to spend, {@code frozen} by payments in flight. */
public record WalletResponse(String userId, BigDecimal available, BigDecimal frozen) {
}
