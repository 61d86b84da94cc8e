package com.orderpay.compensation.api;

import java.util.List;

/** Alerts, newest first; {@code nextCursor} is null on the last page. */
public record AlertPageResponse(List<AlertResponse> alerts, String nextCursor) {
}
