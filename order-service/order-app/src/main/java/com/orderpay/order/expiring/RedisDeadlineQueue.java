package com.orderpay.order.expiring;

import com.orderpay.order.config.OrderProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.redisson.api.RScoredSortedSet;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Expiry layer 1: a Redis sorted set of order numbers scored by their deadline (epoch millis), shared by the
 * replicas and polled by each. A replica takes a due member by removing it: only the replica whose remove succeeded
 * expires that order. (Redisson's RDelayedQueue is deprecated for losing messages; this structure is its plain
 * equivalent.) Redis down: placements carry on without it, polls fail quietly, and the database layer covers every
 * order meanwhile; a member taken by a replica that died before expiring it is covered the same way.
 */
@Component
@ConditionalOnProperty(name = "orderpay.order.expiry.redis.enabled", havingValue = "true", matchIfMissing = true)
class RedisDeadlineQueue implements DeadlineSchedule, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RedisDeadlineQueue.class);
    static final int BATCH = 50;

    private final RScoredSortedSet<String> deadlines;
    private final PaymentDeadlineExpiry expiry;
    private final Duration pollInterval;
    private final Clock clock;
    private final AtomicBoolean redisFailing = new AtomicBoolean();
    private volatile ScheduledExecutorService poller;

    RedisDeadlineQueue(RedissonClient redisson, PaymentDeadlineExpiry expiry, OrderProperties properties, Clock clock) {
        this.deadlines = redisson.getScoredSortedSet(properties.expiry().redis().key(), StringCodec.INSTANCE);
        this.expiry = expiry;
        this.pollInterval = properties.expiry().redis().pollInterval();
        this.clock = clock;
    }

    @Override
    public void track(String orderNo, Instant dueAt) {
        // Asynchronous: a placement never waits on Redis, even while it is down.
        deadlines.addAsync(dueAt.toEpochMilli(), orderNo).whenComplete((added, failure) -> {
            if (failure != null) {
                redisFailed("deadline of " + orderNo + " not added", failure);
            }
        });
    }

    @Override
    public void forget(String orderNo) {
        deadlines.removeAsync(orderNo);
    }

    /** Takes every due member (in batches) and expires the orders this replica took. */
    void poll() {
        Collection<String> due;
        do {
            due = deadlines.valueRange(0, true, clock.millis(), true, 0, BATCH);
            for (String orderNo : due) {
                if (deadlines.remove(orderNo)) {
                    expireTaken(orderNo);
                }
            }
        } while (due.size() == BATCH);
    }

    private void expireTaken(String orderNo) {
        ExpiryOutcome outcome;
        try {
            outcome = expiry.expire(orderNo, ExpiryLayer.REDIS);
        } catch (RuntimeException e) {
            log.warn("Redis layer could not expire order {}: {}", orderNo, e.toString());
            outcome = ExpiryOutcome.RECHECK_LATER;
        }
        if (outcome == ExpiryOutcome.NOT_DUE || outcome == ExpiryOutcome.RECHECK_LATER) {
            track(orderNo, clock.instant().plus(InProcessDeadlineTimer.RECHECK));
        }
    }

    private void pollQuietly() {
        try {
            poll();
            if (redisFailing.compareAndSet(true, false)) {
                log.info("Redis answers again: the Redis expiry layer is back");
            }
        } catch (RuntimeException e) {
            redisFailed("poll failed", e);
        }
    }

    private void redisFailed(String what, Throwable failure) {
        // Once per outage at WARN: the database layer covers every order meanwhile.
        if (redisFailing.compareAndSet(false, true)) {
            log.warn("Redis expiry layer: {} ({}); the database layer covers unpaid orders until Redis is back", what,
                    failure.toString());
        } else {
            log.debug("Redis expiry layer: {}", what, failure);
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "order-deadline-redis-poller");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::pollQuietly, pollInterval.toMillis(), pollInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        poller = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = poller;
        poller = null;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }
}
