package com.orderpay.wallet.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One movement of a user's money, never changed once written.
 *
 * @param entryId  assigned by the database, increasing: the ledger's order
 * @param orderNo  the order a freeze, unfreeze, debit or refund was for; null for a credit
 * @param freezeId the freeze a FREEZE, UNFREEZE or DEBIT belongs to; null otherwise
 */
public record WalletLedgerEntry(long entryId, String userId, LedgerEntryType type, Money amount, String orderNo,
                                Long freezeId, Instant createdAt) {

    public WalletLedgerEntry {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(amount, "amount");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("A ledger entry moves a positive amount, not " + amount);
        }
    }
}
