package com.orderpay.order.persistence;

import java.time.Instant;

/** An order as the operators' search reads it: its row and its deadline row's state (null for a pay-now order). */
public class OrderSearchRow extends CustomerOrderEntity {

    public String deadlineState;
    public Integer deadlineReleaseAttempts;
    public Instant deadlineUpdatedAt;
}
