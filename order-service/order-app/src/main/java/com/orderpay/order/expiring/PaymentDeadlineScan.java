package com.orderpay.order.expiring;

import com.orderpay.order.persistence.PaymentDeadlineRepository;
import java.time.Clock;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Expiry layer 2: every scan interval, one replica (a ShedLock lock in order_db, never in Redis) takes the orders
 * past their deadline from {@code payment_deadline} in batches, the most overdue first. It needs only the database,
 * so a Redis outage or a restart of every replica loses nothing: the rows are there when the scan runs again.
 */
@Component
@ConditionalOnProperty(name = "orderpay.order.expiry.db.enabled", havingValue = "true", matchIfMissing = true)
class PaymentDeadlineScan {

    private static final Logger log = LoggerFactory.getLogger(PaymentDeadlineScan.class);
    static final int BATCH = 100;
    /** Bounds one run (well inside the lock's lease); a longer backlog continues at the next interval. */
    static final int MAX_BATCHES_PER_RUN = 5;

    private final PaymentDeadlineRepository deadlines;
    private final PaymentDeadlineExpiry expiry;
    private final Clock clock;

    PaymentDeadlineScan(PaymentDeadlineRepository deadlines, PaymentDeadlineExpiry expiry, Clock clock) {
        this.deadlines = deadlines;
        this.expiry = expiry;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${orderpay.order.expiry-scan-interval}")
    @SchedulerLock(name = "order-payment-deadline-scan", lockAtMostFor = "PT30S")
    public void expireDueOrders() {
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
            List<String> due;
            try {
                due = deadlines.dueForExpiry(clock.instant(), BATCH);
            } catch (RuntimeException e) {
                log.warn("Payment deadline scan failed: {}", e.toString());
                return;
            }
            int expired = 0;
            for (String orderNo : due) {
                try {
                    if (expiry.expire(orderNo, ExpiryLayer.DB) == ExpiryOutcome.EXPIRED) {
                        expired++;
                    }
                } catch (RuntimeException e) {
                    log.warn("Scan could not expire order {}: {}", orderNo, e.toString());
                }
            }
            // A short batch was the last; one where nothing moved would only be read again.
            if (due.size() < BATCH || expired == 0) {
                return;
            }
        }
    }
}
