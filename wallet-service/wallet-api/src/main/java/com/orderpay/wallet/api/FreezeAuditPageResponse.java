package com.orderpay.wallet.api;

import java.util.List;

/** A page of freezes in id order; {@code nextCursor} is null on the last page. */
public record FreezeAuditPageResponse(List<FreezeAuditResponse> freezes, String nextCursor) {
}
