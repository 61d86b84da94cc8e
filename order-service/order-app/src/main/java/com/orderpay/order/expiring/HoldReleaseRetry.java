package com.orderpay.order.expiring;

import com.orderpay.order.persistence.PaymentDeadlineRepository;
import com.orderpay.order.persistence.PaymentDeadlineRepository.HoldToRelease;
import java.time.Clock;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Holds of cancelled or expired orders that were not given back at once (inventory down, or a global transaction on
 * the reservation still deciding) are retried here, on one replica at a time, with a growing wait, until inventory
 * answers that nothing is held. Not an expiry layer: it runs whichever layers are switched on.
 */
@Component
class HoldReleaseRetry {

    private static final Logger log = LoggerFactory.getLogger(HoldReleaseRetry.class);
    static final int BATCH = 100;

    private final PaymentDeadlineRepository deadlines;
    private final HeldStockRelease holds;
    private final Clock clock;

    HoldReleaseRetry(PaymentDeadlineRepository deadlines, HeldStockRelease holds, Clock clock) {
        this.deadlines = deadlines;
        this.holds = holds;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${orderpay.order.expiry-scan-interval}")
    @SchedulerLock(name = "order-hold-release-retry", lockAtMostFor = "PT30S")
    public void releaseDueHolds() {
        List<HoldToRelease> due;
        try {
            due = deadlines.dueForRelease(clock.instant(), BATCH);
        } catch (RuntimeException e) {
            log.warn("Hold release retry scan failed: {}", e.toString());
            return;
        }
        for (HoldToRelease hold : due) {
            holds.release(hold.orderNo(), hold.failedAttempts());
        }
    }
}
