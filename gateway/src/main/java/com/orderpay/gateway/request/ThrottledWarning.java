package com.orderpay.gateway.request;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * At most one warning per interval for a condition that may hold for every request (Redis down, a service at
 * capacity): the first request of each interval logs it, the others only count.
 */
public final class ThrottledWarning {

    private final long everyNanos;
    private final AtomicLong last;

    public ThrottledWarning(Duration every) {
        this.everyNanos = every.toNanos();
        this.last = new AtomicLong(System.nanoTime() - everyNanos);
    }

    /** True for one caller per interval: that one logs. */
    public boolean due() {
        long previous = last.get();
        long now = System.nanoTime();
        return now - previous >= everyNanos && last.compareAndSet(previous, now);
    }
}
