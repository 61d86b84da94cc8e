package com.orderpay.order.persistence;

import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Repository;

/**
 * The {@code payment_deadline} table: the durable schedule of unpaid orders and of the holds still to give back.
 * Each method joins the caller's transaction, so a deadline moves together with its order's status.
 */
@Repository
public class PaymentDeadlineRepository {

    static final String PENDING = "PENDING";
    static final String RELEASING = "RELEASING";
    static final String DONE = "DONE";

    /** A hold still to give back and how often giving it back has failed so far. */
    public record HoldToRelease(String orderNo, int failedAttempts) {
    }

    private final PaymentDeadlineMapper deadlines;

    public PaymentDeadlineRepository(PaymentDeadlineMapper deadlines) {
        this.deadlines = deadlines;
    }

    /** The order now awaits payment until {@code dueAt}. */
    public void schedule(String orderNo, Instant dueAt, Instant now) {
        deadlines.insertIn(orderNo, dueAt, PENDING, now);
    }

    /** The order was paid: nothing left to expire or release. */
    public void paid(String orderNo, Instant now) {
        deadlines.moveKeepingDue(orderNo, PENDING, DONE, now);
    }

    /**
     * The order was cancelled or expired: its hold is owed back, first retried by the scan at {@code retryAt} if the
     * immediate release does not get through.
     */
    public void holdToRelease(String orderNo, Instant retryAt, Instant now) {
        if (deadlines.move(orderNo, PENDING, RELEASING, retryAt, now) == 0 && deadlines.selectById(orderNo) == null) {
            // An order that never had a deadline row still must not keep its hold.
            deadlines.insertIn(orderNo, retryAt, RELEASING, now);
        }
    }

    /** @return false when it was already marked released (a concurrent retry got there first) */
    public boolean holdReleased(String orderNo, Instant now) {
        return deadlines.moveKeepingDue(orderNo, RELEASING, DONE, now) == 1;
    }

    public void releaseFailed(String orderNo, Instant retryAt, Instant now) {
        deadlines.releaseFailed(orderNo, retryAt, now);
    }

    /** Up to {@code limit} orders past their deadline and still awaiting payment, the most overdue first. */
    public List<String> dueForExpiry(Instant now, int limit) {
        return deadlines.dueForExpiry(now, limit);
    }

    /** Up to {@code limit} holds whose release is due again, the longest waiting first. */
    public List<HoldToRelease> dueForRelease(Instant now, int limit) {
        return deadlines.dueForRelease(now, limit).stream()
                .map(row -> new HoldToRelease(row.getOrderNo(), row.getReleaseAttempts())).toList();
    }
}
