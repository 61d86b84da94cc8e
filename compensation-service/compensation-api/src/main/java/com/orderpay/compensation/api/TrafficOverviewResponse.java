package com.orderpay.compensation.api;

import java.time.Instant;
import java.util.List;

/**
 * Order traffic over a window, one point per sampling step, summed over every order-service replica
 * ({@code GET /api/admin/metrics/overview}): from order-service's own counters and placement latency histogram, as
 * compensation-service samples them. {@code stepSeconds} is the sampling interval; {@code replicas} how many replicas
 * were sampled in the window.
 */
public record TrafficOverviewResponse(Instant from, Instant to, long stepSeconds, int replicas,
                                      List<TrafficPointResponse> points) {
}
