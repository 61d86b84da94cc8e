package com.orderpay.order.expiring;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Expiry layer 3, the last resort: a timer per order this process placed, firing at its deadline. It needs neither
 * Redis nor the scan, and is lost when the process stops (the other layers are not).
 */
@Component
@ConditionalOnProperty(name = "orderpay.order.expiry.timer.enabled", havingValue = "true", matchIfMissing = true)
class InProcessDeadlineTimer implements DeadlineSchedule {

    private static final Logger log = LoggerFactory.getLogger(InProcessDeadlineTimer.class);
    /** How soon an order still being paid (or placed) is looked at again: its payment may roll back. */
    static final Duration RECHECK = Duration.ofSeconds(1);

    private final PaymentDeadlineExpiry expiry;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor timer;
    private final ConcurrentMap<String, ScheduledFuture<?>> scheduled = new ConcurrentHashMap<>();

    InProcessDeadlineTimer(PaymentDeadlineExpiry expiry, Clock clock) {
        this.expiry = expiry;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        // Two threads: an expiry waits on inventory's answer, and a burst of deadlines should not queue behind it.
        this.timer = new ScheduledThreadPoolExecutor(2, task -> {
            Thread thread = new Thread(task, "order-deadline-timer-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public void track(String orderNo, Instant dueAt) {
        schedule(orderNo, dueAt, Duration.between(clock.instant(), dueAt));
    }

    @Override
    public void forget(String orderNo) {
        ScheduledFuture<?> pending = scheduled.remove(orderNo);
        if (pending != null) {
            pending.cancel(false);
        }
    }

    /** Orders this process still has a timer for. */
    int tracked() {
        return scheduled.size();
    }

    private void schedule(String orderNo, Instant dueAt, Duration delay) {
        if (timer.isShutdown()) {
            return;
        }
        ScheduledFuture<?> next = timer.schedule(() -> fire(orderNo, dueAt),
                Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        ScheduledFuture<?> previous = scheduled.put(orderNo, next);
        if (previous != null && previous != next) {
            previous.cancel(false);
        }
    }

    private void fire(String orderNo, Instant dueAt) {
        scheduled.remove(orderNo);
        ExpiryOutcome outcome;
        try {
            outcome = expiry.expire(orderNo, ExpiryLayer.TIMER);
        } catch (RuntimeException e) {
            log.warn("Timer could not expire order {}: {}; trying again in {}", orderNo, e.toString(), RECHECK);
            outcome = ExpiryOutcome.RECHECK_LATER;
        }
        switch (outcome) {
            // The timer ran a hair early for the wall clock: wait the rest.
            case NOT_DUE -> schedule(orderNo, dueAt, Duration.between(clock.instant(), dueAt).plusMillis(1));
            case RECHECK_LATER -> schedule(orderNo, dueAt, RECHECK);
            default -> {
            }
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
