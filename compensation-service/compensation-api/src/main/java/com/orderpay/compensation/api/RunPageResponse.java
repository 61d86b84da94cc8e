package com.orderpay.compensation.api;

import java.util.List;

/** Runs, newest first; {@code nextCursor} is null on the last page. */
public record RunPageResponse(List<RunResponse> runs, String nextCursor) {
}
