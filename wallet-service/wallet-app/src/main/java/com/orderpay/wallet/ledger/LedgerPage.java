package com.orderpay.wallet.ledger;

import com.orderpay.wallet.domain.WalletLedgerEntry;
import java.util.List;

/** One page of a user's ledger, newest first; {@code nextCursor} is null on the last page. */
public record LedgerPage(List<WalletLedgerEntry> entries, String nextCursor) {
}
