package com.orderpay.order.operating;

import com.orderpay.order.api.AdminOrderPageResponse;
import com.orderpay.order.api.AdminOrderResponse;
import com.orderpay.order.api.AdminOrderSummaryResponse;
import com.orderpay.order.api.OrderItemResponse;
import com.orderpay.order.domain.Order;
import com.orderpay.order.domain.OrderStatus;
import com.orderpay.order.persistence.CustomerOrderEntity;
import com.orderpay.order.persistence.CustomerOrderMapper;
import com.orderpay.order.persistence.OrderRepository;
import com.orderpay.order.persistence.OrderSearchRow;
import com.orderpay.order.persistence.PaymentDeadlineEntity;
import com.orderpay.order.persistence.PaymentDeadlineMapper;
import com.orderpay.order.querying.OrderCursor;
import com.orderpay.order.querying.OrderQueries;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * What operators read of orders: a search of any user's orders by user, status and age, with the stuck ones marked,
 * and one order's full story. Reads only order_db: the order's stock and money are read from their owners' admin APIs.
 */
@Service
public class OrderOperations {

    /**
     * PLACING or PAYING this long is past any global transaction's lifetime (20 s) with the coordinator's retries;
     * a hold owed back this long missed several release attempts.
     */
    public static final Duration STUCK_AFTER = Duration.ofMinutes(1);

    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final CustomerOrderMapper rows;
    private final PaymentDeadlineMapper deadlines;
    private final OrderRepository orders;
    private final OrderQueries queries;
    private final Clock clock;

    public OrderOperations(CustomerOrderMapper rows, PaymentDeadlineMapper deadlines, OrderRepository orders,
            OrderQueries queries, Clock clock) {
        this.rows = rows;
        this.deadlines = deadlines;
        this.orders = orders;
        this.queries = queries;
        this.clock = clock;
    }

    /**
     * @param olderThan an ISO-8601 duration: only orders placed longer ago than that
     * @param stuck     only the stuck ones
     */
    public AdminOrderPageResponse search(String userId, String status, String olderThan, boolean stuck, Integer limit,
            String cursor) {
        if (userId != null && !userId.isBlank() && !USER_ID.matcher(userId).matches()) {
            throw ProblemException.invalidParameter("userId", "must be 1-64 characters of [A-Za-z0-9_-]");
        }
        String wanted = status == null || status.isBlank() ? null : statusOf(status).name();
        int size = limit == null ? OrderQueries.DEFAULT_LIMIT : limit;
        if (size < 1 || size > OrderQueries.MAX_LIMIT) {
            throw ProblemException.invalidParameter("limit", "must be 1-" + OrderQueries.MAX_LIMIT);
        }
        Instant now = clock.instant();
        Instant createdBefore = olderThan == null || olderThan.isBlank() ? null : now.minus(durationOf(olderThan));
        OrderCursor after = cursor == null || cursor.isBlank() ? null : OrderCursor.decode(cursor);
        List<OrderSearchRow> found = rows.search(userId == null || userId.isBlank() ? null : userId, wanted,
                createdBefore, stuck, now.minus(STUCK_AFTER), now, after == null ? null : after.createdAt(),
                after == null ? null : after.orderNo(), size + 1);
        List<OrderSearchRow> page = found.size() > size ? found.subList(0, size) : found;
        String next = found.size() > size
                ? new OrderCursor(page.get(size - 1).getCreatedAt(), page.get(size - 1).getOrderNo()).encode() : null;
        return new AdminOrderPageResponse(page.stream().map(row -> {
            String reason = stuckReason(row, row.deadlineState, row.deadlineReleaseAttempts, row.deadlineUpdatedAt, now);
            return new AdminOrderSummaryResponse(row.getOrderNo(), row.getUserId(), row.getStatus(), row.getTotal(),
                    Boolean.TRUE.equals(row.getPayNow()), row.getCreatedAt(), row.getUpdatedAt(), row.getExpiresAt(),
                    reason != null, reason);
        }).toList(), next);
    }

    /** 404 when there is no such order. */
    public AdminOrderResponse story(String orderNo) {
        Order order = queries.anyOrder(orderNo);
        CustomerOrderEntity row = rows.selectById(orderNo);
        PaymentDeadlineEntity deadline = deadlines.selectById(orderNo);
        Instant now = clock.instant();
        String reason = stuckReason(row, deadline == null ? null : deadline.getState(),
                deadline == null ? null : deadline.getReleaseAttempts(),
                deadline == null ? null : deadline.getUpdatedAt(), now);
        return new AdminOrderResponse(order.orderNo(), order.userId(), order.status().name(),
                order.items().stream().map(i -> new OrderItemResponse(i.skuId(), i.quantity(), i.unitPrice())).toList(),
                order.total(), order.paysNow(), order.createdAt(), order.updatedAt(), order.expiresAt(),
                row.getPlacedXid(), row.getPaymentXid(),
                deadline == null ? null : new AdminOrderResponse.Deadline(deadline.getState(), deadline.getDueAt(),
                        deadline.getReleaseAttempts() == null ? 0 : deadline.getReleaseAttempts()),
                reason != null, reason,
                orders.storyOf(orderNo).stream().map(change -> new AdminOrderResponse.StatusChange(
                        change.from() == null ? null : change.from().name(), change.to().name(), change.at(),
                        change.xid(), change.cause().name())).toList());
    }

    /** Why the order is stuck, in words, or null when it is not. */
    static String stuckReason(CustomerOrderEntity row, String deadlineState, Integer releaseAttempts,
            Instant deadlineUpdatedAt, Instant now) {
        String status = row.getStatus();
        if (("PLACING".equals(status) || "PAYING".equals(status))
                && row.getUpdatedAt().isBefore(now.minus(STUCK_AFTER))) {
            return status + " for " + minutes(row.getUpdatedAt(), now)
                    + ": the coordinator has not finished its global transaction";
        }
        if ("AWAITING_PAYMENT".equals(status) && row.getExpiresAt() != null && row.getExpiresAt().isBefore(now)) {
            return "awaiting payment " + minutes(row.getExpiresAt(), now)
                    + " past its deadline: no expiry layer expired it";
        }
        if ("RELEASING".equals(deadlineState) && deadlineUpdatedAt != null
                && deadlineUpdatedAt.isBefore(now.minus(STUCK_AFTER))) {
            return "its hold is not given back yet (" + (releaseAttempts == null ? 0 : releaseAttempts)
                    + " failed release attempts)";
        }
        return null;
    }

    private static String minutes(Instant since, Instant now) {
        Duration elapsed = Duration.between(since, now);
        return elapsed.toMinutes() > 0 ? elapsed.toMinutes() + " min" : elapsed.toSeconds() + " s";
    }

    private static OrderStatus statusOf(String status) {
        try {
            return OrderStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidParameter("status", "must be one of " + List.of(OrderStatus.values()));
        }
    }

    /** Far beyond any order's age. */
    private static final Duration LONGEST_AGE = Duration.ofDays(36_500);

    private static Duration durationOf(String olderThan) {
        try {
            Duration age = Duration.parse(olderThan);
            if (age.isNegative()) {
                throw ProblemException.invalidParameter("olderThan", "must not be negative");
            }
            if (age.compareTo(LONGEST_AGE) > 0) {
                // Subtracted from now, a longer one is past the earliest instant Java knows (a 500 once).
                throw ProblemException.invalidParameter("olderThan", "must be at most " + LONGEST_AGE.toDays() + " days");
            }
            return age;
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidParameter("olderThan", "must be an ISO-8601 duration, e.g. PT30M");
        }
    }

}
