package com.orderpay.wallet.domain;

/**
 * One step of a freeze's state machine and the ledger entry it writes.
 *
 * @param entryType the wallet movement of the step: DEBIT (Confirm) or UNFREEZE (Cancel)
 */
public record FreezeTransition(FreezeStatus from, FreezeStatus to, LedgerEntryType entryType) {
}
