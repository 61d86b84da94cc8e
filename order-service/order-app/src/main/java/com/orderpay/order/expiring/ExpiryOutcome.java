package com.orderpay.order.expiring;

/** What one attempt to expire an order found; the layers reschedule on the last two. */
public enum ExpiryOutcome {
    /** This attempt won the compare-and-set: the order is EXPIRED and its hold on its way back. */
    EXPIRED,
    /** Paid, cancelled, expired by another layer, rejected or unknown: nothing left to do. */
    NOTHING_TO_DO,
    /** Its deadline has not passed yet. */
    NOT_DUE,
    /** A global transaction is still deciding it (placing or paying): the payment may yet roll back. */
    RECHECK_LATER
}
