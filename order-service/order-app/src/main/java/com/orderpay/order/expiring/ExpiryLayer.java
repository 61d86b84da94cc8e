package com.orderpay.order.expiring;

import com.orderpay.order.domain.OrderStatusChange;
import java.util.Locale;

/** The three independent ways an unpaid order reaches its expiry; any one of them is enough. */
public enum ExpiryLayer {
    /** A Redis sorted set scored by deadline, polled: fast, shared by the replicas, lost with Redis. */
    REDIS,
    /** The {@code payment_deadline} table, scanned on one replica at a time: survives Redis outages and restarts. */
    DB,
    /** A timer in the process that placed the order: needs nothing else, lost on restart. */
    TIMER;

    /** How the order's story names an expiry by this layer. */
    public OrderStatusChange.Cause cause() {
        return switch (this) {
            case REDIS -> OrderStatusChange.Cause.EXPIRED_BY_REDIS_LAYER;
            case DB -> OrderStatusChange.Cause.EXPIRED_BY_DB_LAYER;
            case TIMER -> OrderStatusChange.Cause.EXPIRED_BY_TIMER_LAYER;
        };
    }

    /** The metrics tag. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
