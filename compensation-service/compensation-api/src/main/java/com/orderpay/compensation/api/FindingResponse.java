package com.orderpay.compensation.api;

import java.time.Instant;
import java.util.Map;

/**
 * One inconsistency a run found: its {@code kind}, what it concerns ({@code subjectType} ORDER, SKU or WALLET and
 * {@code subject}), the {@code evidence} read from the owners, the {@code action} taken (or NONE), its
 * {@code status} ({@code REPAIRED}; {@code FLAGGED} for a person; {@code OPEN} when the repair could not be made
 * this time and the next run tries again) and the owner's answer ({@code result}). The audit trail.
 */
public record FindingResponse(long findingId, String runId, String kind, boolean invariantBreach, String subjectType,
                              String subject, Map<String, Object> evidence, String action, String status,
                              String result, Instant createdAt) {
}
