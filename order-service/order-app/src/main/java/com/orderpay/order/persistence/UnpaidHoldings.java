package com.orderpay.order.persistence;

/** How many unpaid orders a user has and how many units they hold. */
public record UnpaidHoldings(long orders, long units) {
}
