package com.orderpay.compensation.api;

import java.time.Instant;

/**
 * One step of order traffic, ending at {@code at}: placements (all outcomes) per second and how many failed (ours: a
 * dependency or the coordinator), payments that were paid, declined (the buyer's wallet) or failed, the success rates
 * the alert rules judge (null without attempts) and the placement latency quantiles in milliseconds (null without
 * placements).
 */
public record TrafficPointResponse(Instant at, double placementsPerSecond, long placements, long placementsFailed,
                                   Double placementSuccessPercent, long paymentsPaid, long paymentsDeclined,
                                   long paymentsFailed, Double paymentSuccessPercent, Double latencyP50Millis,
                                   Double latencyP95Millis, Double latencyP99Millis) {
}
