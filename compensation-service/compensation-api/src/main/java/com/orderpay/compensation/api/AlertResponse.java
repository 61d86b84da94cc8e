package com.orderpay.compensation.api;

import java.time.Instant;

/**
 * An alert: its {@code rule}, what it is about ({@code subject}: a user for per-user rules, else empty), the
 * {@code threshold} and the {@code value} that crossed it (the latest while firing), {@code state} FIRING or
 * RESOLVED, and when it was raised, last seen firing and resolved.
 */
public record AlertResponse(long alertId, String rule, String subject, String state, String threshold, String value,
                            String detail, Instant raisedAt, Instant lastSeenAt, Instant resolvedAt) {
}
