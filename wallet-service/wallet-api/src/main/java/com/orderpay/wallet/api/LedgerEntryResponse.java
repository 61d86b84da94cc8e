package com.orderpay.wallet.api;

import java.math.BigDecimal;
import java.time.Instant;

/** One ledger entry: type {@code CREDIT}, {@code FREEZE}, {@code UNFREEZE}, {@code DEBIT} or {@code REFUND}. */
public record LedgerEntryResponse(long entryId, String type, BigDecimal amount, String orderNo, Instant createdAt) {
}
