package com.orderpay.wallet.api;

import java.math.BigDecimal;

/**
 * A wallet's figures next to the sums of its ledger, read in one statement (one snapshot). The ledger says
 * {@code available + frozen = credits + refunds - debits} and {@code frozen = freezes - unfreezes - debits}.
 */
public record WalletAuditResponse(String userId, BigDecimal available, BigDecimal frozen, BigDecimal credits,
                                  BigDecimal refunds, BigDecimal debits, BigDecimal freezes, BigDecimal unfreezes) {

    public boolean consistent() {
        return available.signum() >= 0 && frozen.signum() >= 0
                && available.add(frozen).compareTo(credits.add(refunds).subtract(debits)) == 0
                && frozen.compareTo(freezes.subtract(unfreezes).subtract(debits)) == 0;
    }
}
