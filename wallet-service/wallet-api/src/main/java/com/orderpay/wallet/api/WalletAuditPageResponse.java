package com.orderpay.wallet.api;

import java.util.List;

/** A page of wallet audits in user order; {@code nextCursor} is null on the last page. */
public record WalletAuditPageResponse(List<WalletAuditResponse> wallets, String nextCursor) {
}
