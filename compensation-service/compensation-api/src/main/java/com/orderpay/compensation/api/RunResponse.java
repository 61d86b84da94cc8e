package com.orderpay.compensation.api;

import java.time.Instant;

/**
 * A reconciliation run: {@code RUNNING}, then {@code COMPLETED} or {@code FAILED}; {@code trigger} is
 * {@code SCHEDULED} or {@code ON_DEMAND}, {@code requestedBy} the operator who asked for an on-demand run (the audit
 * trail of the console's one action). {@code checked} counts the records examined, {@code repaired} and
 * {@code flagged} the findings so resolved.
 */
public record RunResponse(String runId, String status, String trigger, String requestedBy, Instant startedAt,
                          Instant finishedAt, long checked, long repaired, long flagged, String failure) {
}
