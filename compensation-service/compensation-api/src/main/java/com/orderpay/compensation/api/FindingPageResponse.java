package com.orderpay.compensation.api;

import java.util.List;

/** Findings, oldest first; {@code nextCursor} is null on the last page. */
public record FindingPageResponse(List<FindingResponse> findings, String nextCursor) {
}
