package com.orderpay.wallet.domain;

/**
 * The kinds of ledger entry and how each one moves a wallet's two figures (see {@link WalletBalance#apply}):
 * CREDIT and REFUND add to available; FREEZE moves available to frozen; UNFREEZE moves it back; DEBIT takes it
 * out of frozen for good.
 */
public enum LedgerEntryType {
    CREDIT,
    FREEZE,
    UNFREEZE,
    DEBIT,
    REFUND
}
