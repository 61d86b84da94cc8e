package com.orderpay.order.expiring;

import java.time.Instant;

/** An expiry layer that learns each deadline after its order was placed (Redis, the in-process timer). */
interface DeadlineSchedule {

    /** Expire {@code orderNo} at {@code dueAt}. Never blocks the caller on an outage of the layer. */
    void track(String orderNo, Instant dueAt);

    /** The order was paid or cancelled: its deadline no longer matters (best effort; a late firing is a no-op). */
    void forget(String orderNo);
}
