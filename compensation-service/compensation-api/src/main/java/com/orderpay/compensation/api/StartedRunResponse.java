package com.orderpay.compensation.api;

/**
 * {@code POST /api/admin/reconciliation/runs} answers 202 with the run that will do the work: a new one, or the one
 * already running (one run at a time across replicas).
 */
public record StartedRunResponse(String runId) {
}
