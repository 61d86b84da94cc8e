package com.orderpay.wallet.api;

import java.util.List;

/** A page of ledger entries, newest first; {@code nextCursor} is null on the last page. */
public record LedgerPageResponse(List<LedgerEntryResponse> entries, String nextCursor) {
}
