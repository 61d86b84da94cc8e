package com.orderpay.compensation.alerting;

/**
 * What one rule saw for one subject at one evaluation.
 *
 * @param rule      the rule's name, e.g. {@code pending-orders}
 * @param subject   the user of a per-user rule; empty otherwise
 * @param firing    whether the value is past the threshold
 * @param threshold the threshold, as configured
 * @param value     what was measured
 * @param detail    a line for the operator
 */
public record Observation(String rule, String subject, boolean firing, String threshold, String value, String detail) {
}
