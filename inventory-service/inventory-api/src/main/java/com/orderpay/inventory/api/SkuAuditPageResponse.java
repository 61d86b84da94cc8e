package com.orderpay.inventory.api;

import java.util.List;

/** A page of SKU audits in SKU order; {@code nextCursor} is null on the last page. */
public record SkuAuditPageResponse(List<SkuAuditResponse> skus, String nextCursor) {
}
