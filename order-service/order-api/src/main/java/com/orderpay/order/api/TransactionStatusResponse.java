package com.orderpay.order.api;

/**
 * What the coordinator says of a global transaction: one of Seata's {@code GlobalStatus} names. {@code Finished}
 * also when it does not know the XID (it ended and was removed, or its store was lost); {@code active} when the
 * coordinator may still drive phase two, so that nobody else must.
 */
public record TransactionStatusResponse(String xid, String status, boolean active) {
}
