package com.orderpay.wallet.api;

import java.util.List;

/**
 * The money side of one order, for an operator ({@code GET /api/admin/funds-freezes/{orderNo}}): every freeze made
 * for it (normally one; an unfrozen payment attempt leaves its own) and every ledger entry naming it, oldest first.
 */
public record OrderFundsResponse(String orderNo, List<FreezeAuditResponse> freezes, List<LedgerEntryResponse> entries) {
}
