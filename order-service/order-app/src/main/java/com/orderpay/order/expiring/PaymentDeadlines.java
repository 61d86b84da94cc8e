package com.orderpay.order.expiring;

import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells the enabled expiry layers about a deadline once its order was placed. The database layer needs no telling:
 * its row is written in the same local transaction as the order's move to AWAITING_PAYMENT.
 */
@Component
public class PaymentDeadlines {

    private static final Logger log = LoggerFactory.getLogger(PaymentDeadlines.class);

    private final List<DeadlineSchedule> schedules;

    PaymentDeadlines(List<DeadlineSchedule> schedules) {
        this.schedules = schedules;
    }

    public void track(String orderNo, Instant dueAt) {
        for (DeadlineSchedule schedule : schedules) {
            try {
                schedule.track(orderNo, dueAt);
            } catch (RuntimeException e) {
                // One layer failing must not fail the placement: the others, the database layer at least, remain.
                log.warn("Deadline of {} not given to {}: {}", orderNo, schedule.getClass().getSimpleName(), e.toString());
            }
        }
    }

    public void forget(String orderNo) {
        for (DeadlineSchedule schedule : schedules) {
            try {
                schedule.forget(orderNo);
            } catch (RuntimeException e) {
                log.debug("Deadline of {} not withdrawn from {}", orderNo, schedule.getClass().getSimpleName(), e);
            }
        }
    }
}
