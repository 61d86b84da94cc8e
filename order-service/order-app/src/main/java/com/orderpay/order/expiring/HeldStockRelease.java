package com.orderpay.order.expiring;

import com.orderpay.order.client.StockReservations;
import com.orderpay.order.config.OrderProperties;
import com.orderpay.order.persistence.PaymentDeadlineRepository;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gives back the stock of an order that was cancelled or expired. Its deadline row says RELEASING from the moment the
 * order's status changed, so a release that does not get through (inventory down, or a global transaction on the
 * reservation still deciding) is retried by the scan until inventory answers that nothing is held any more.
 * Releasing is idempotent in inventory, so a retry racing another attempt is harmless.
 */
@Component
public class HeldStockRelease {

    private static final Logger log = LoggerFactory.getLogger(HeldStockRelease.class);
    private static final int MAX_BACKOFF_STEPS = 12;

    private final StockReservations stock;
    private final PaymentDeadlineRepository deadlines;
    private final OrderProperties properties;
    private final Clock clock;

    public HeldStockRelease(StockReservations stock, PaymentDeadlineRepository deadlines, OrderProperties properties,
            Clock clock) {
        this.stock = stock;
        this.deadlines = deadlines;
        this.properties = properties;
        this.clock = clock;
    }

    /** When the scan first retries a release that did not get through at once. */
    public Instant firstRetryAt(Instant now) {
        return now.plus(properties.expiryScanInterval());
    }

    /**
     * One attempt.
     *
     * @param failedAttempts how many attempts failed before this one (the retry waits longer after each)
     * @return true when nothing is held for the order any more
     */
    public boolean release(String orderNo, int failedAttempts) {
        String outcome;
        try {
            outcome = stock.release(orderNo);
        } catch (ProblemException e) {
            if (e.code() == ProblemCode.NOT_FOUND) {
                log.warn("Order {} has no stock reservation: nothing to release", orderNo);
                return released(orderNo);
            }
            return retryLater(orderNo, failedAttempts, e.getMessage());
        } catch (RuntimeException e) {
            return retryLater(orderNo, failedAttempts, e.toString());
        }
        return switch (outcome) {
            case "RELEASED" -> released(orderNo);
            case "SOLD", "CANCELLED" -> {
                // Nothing is held, though an unpaid order's stock should never have been sold: reconciliation's case.
                log.warn("Order {} ended unpaid but its reservation is {}; nothing to release", orderNo, outcome);
                yield released(orderNo);
            }
            default -> retryLater(orderNo, failedAttempts, "reservation is " + outcome + " (a global transaction is deciding)");
        };
    }

    private boolean released(String orderNo) {
        deadlines.holdReleased(orderNo, clock.instant());
        return true;
    }

    private boolean retryLater(String orderNo, int failedAttempts, String why) {
        Instant now = clock.instant();
        Duration wait = properties.expiryScanInterval().multipliedBy(Math.min(failedAttempts + 1L, MAX_BACKOFF_STEPS));
        log.warn("Hold of order {} not released ({}); retrying in {}", orderNo, why, wait);
        try {
            deadlines.releaseFailed(orderNo, now.plus(wait), now);
        } catch (RuntimeException e) {
            // The row still says RELEASING: the scan retries it anyway, only sooner.
            log.warn("Retry of the hold of {} not rescheduled: {}", orderNo, e.toString());
        }
        return false;
    }
}
