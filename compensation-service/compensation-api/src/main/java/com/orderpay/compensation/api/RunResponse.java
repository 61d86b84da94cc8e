package com.orderpay.compensation.api;

import java.time.Instant;

/**
 * A reconciliation run: {@code RUNNING}, then {@code COMPLETED} or {@code FAILED}; {@code trigger} is
 * {@code SCHEDULED} or {@code ON_DEMAND}. {@code checked} counts the records examined, {@code repaired} and
 * {@code flagged} the findings so resolved.
 */
public record RunResponse(String runId, String status, String trigger, Instant startedAt, Instant finishedAt,
                          long checked, long repaired, long flagged, String failure) {
}
