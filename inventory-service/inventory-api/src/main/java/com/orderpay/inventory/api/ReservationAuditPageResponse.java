package com.orderpay.inventory.api;

import java.util.List;

/** A page of reservation lines in id order; {@code nextCursor} is null on the last page. */
public record ReservationAuditPageResponse(List<ReservationAuditResponse> reservations, String nextCursor) {
}
