package com.orderpay.order.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The order aggregate: what was bought, at which prices, by whom, and where it stands. It owns its
 * transitions; persistence applies each one as a compare-and-set on the previous status, so that of two
 * racing transitions (a payment and an expiry) exactly one wins.
 */
public final class Order {

    public static final int MAX_ITEMS = 50;
    /** The largest amount money is stored and sent as: DECIMAL(19,2), 17 integer digits on the wire. */
    public static final BigDecimal LARGEST_TOTAL = new BigDecimal("99999999999999999.99");

    private final String orderNo;
    private final String userId;
    private final List<OrderItem> items;
    private final BigDecimal total;
    private final boolean payNow;
    private final Instant createdAt;
    private OrderStatus status;
    private Instant expiresAt;
    private Instant updatedAt;

    private Order(String orderNo, String userId, List<OrderItem> items, BigDecimal total, boolean payNow,
            Instant createdAt, OrderStatus status, Instant expiresAt, Instant updatedAt) {
        this.orderNo = Objects.requireNonNull(orderNo, "orderNo");
        this.userId = Objects.requireNonNull(userId, "userId");
        this.items = List.copyOf(items);
        this.total = Objects.requireNonNull(total, "total");
        this.payNow = payNow;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.status = Objects.requireNonNull(status, "status");
        this.expiresAt = expiresAt;
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * A new order as the Try of the placing transaction records it: PLACING until the coordinator decides.
     *
     * @param items 1-50 distinct SKUs, priced from the catalogue
     */
    public static Order place(String orderNo, String userId, List<OrderItem> items, boolean payNow, Instant now) {
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            throw new IllegalArgumentException("An order has 1-" + MAX_ITEMS + " items, not " + items.size());
        }
        Set<String> skus = new HashSet<>();
        for (OrderItem item : items) {
            if (!skus.add(item.skuId())) {
                throw new IllegalArgumentException("SKU " + item.skuId() + " appears twice in the order");
            }
        }
        Instant at = millis(now);
        return new Order(orderNo, userId, items, totalOf(items), payNow, at, OrderStatus.PLACING, null, at);
    }

    /** An order as stored. */
    public static Order restore(String orderNo, String userId, OrderStatus status, List<OrderItem> items,
            BigDecimal total, boolean payNow, Instant createdAt, Instant expiresAt, Instant updatedAt) {
        return new Order(orderNo, userId, items, total, payNow, createdAt, status, expiresAt, updatedAt);
    }

    /** Sum of the lines, exact to the cent (prices have two fraction digits, quantities are whole). */
    public static BigDecimal totalOf(List<OrderItem> items) {
        return items.stream().map(OrderItem::lineTotal).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    // ---- placing --------------------------------------------------------------------------------------------

    /**
     * The placing transaction committed: paid at once, or waiting for payment until {@code createdAt +
     * paymentTimeout} (the buyer's time to pay runs from placing, however long phase two took).
     */
    public void confirmPlacement(Instant now, Duration paymentTimeout) {
        if (payNow) {
            moveTo(OrderStatus.PAID, now, "placement confirmed");
        } else {
            moveTo(OrderStatus.AWAITING_PAYMENT, now, "placement confirmed");
            expiresAt = createdAt.plus(paymentTimeout);
        }
    }

    /** The placing transaction rolled back: nothing was reserved or charged for this order. */
    public void rejectPlacement(Instant now) {
        moveTo(OrderStatus.REJECTED, now, "placement rolled back");
    }

    /** Whether phase two of the placing transaction has already landed (a repeated Confirm/Cancel is a no-op). */
    public boolean isPlacementSettled() {
        return status != OrderStatus.PLACING;
    }

    // ---- paying later ---------------------------------------------------------------------------------------

    /** A payment's global transaction starts; only an unexpired AWAITING_PAYMENT order can be paid. */
    public void startPayment(Instant now) {
        if (status == OrderStatus.AWAITING_PAYMENT && isPastDeadline(now)) {
            throw new IllegalOrderTransitionException(orderNo, status, OrderStatus.PAYING, "its payment deadline passed");
        }
        moveTo(OrderStatus.PAYING, now, "payment started");
    }

    public void confirmPayment(Instant now) {
        moveTo(OrderStatus.PAID, now, "payment confirmed");
    }

    /** The payment's transaction rolled back (e.g. insufficient balance): the order can still be paid. */
    public void abortPayment(Instant now) {
        moveTo(OrderStatus.AWAITING_PAYMENT, now, "payment rolled back");
    }

    /**
     * Refused past the deadline, as a payment is: the order is the expiry's then (its scan is seconds away), so a
     * cancellation in that window does not record a choice its owner no longer had.
     */
    public void cancel(Instant now) {
        if (status == OrderStatus.AWAITING_PAYMENT && isPastDeadline(now)) {
            throw new IllegalOrderTransitionException(orderNo, status, OrderStatus.CANCELLED, "its payment deadline passed");
        }
        moveTo(OrderStatus.CANCELLED, now, "cancelled by its owner");
    }

    /** The payment deadline passed; refused before it. */
    public void expire(Instant now) {
        if (status == OrderStatus.AWAITING_PAYMENT && !isPastDeadline(now)) {
            throw new IllegalOrderTransitionException(orderNo, status, OrderStatus.EXPIRED,
                    "its payment deadline " + expiresAt + " has not passed");
        }
        moveTo(OrderStatus.EXPIRED, now, "payment deadline passed");
    }

    public boolean isPastDeadline(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    // ---- reading --------------------------------------------------------------------------------------------

    public boolean isOwnedBy(String someUserId) {
        return userId.equals(someUserId);
    }

    public String orderNo() {
        return orderNo;
    }

    public String userId() {
        return userId;
    }

    public OrderStatus status() {
        return status;
    }

    public List<OrderItem> items() {
        return items;
    }

    public BigDecimal total() {
        return total;
    }

    public boolean paysNow() {
        return payNow;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** The payment deadline of an order placed to pay later; null otherwise. */
    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    private void moveTo(OrderStatus target, Instant now, String why) {
        if (!status.canMoveTo(target)) {
            throw new IllegalOrderTransitionException(orderNo, status, target, why + " needs another status");
        }
        status = target;
        updatedAt = millis(now);
    }

    /** The database keeps milliseconds; the aggregate keeps what the database will give back. */
    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
