package com.orderpay.order.persistence;

import com.orderpay.order.domain.Order;
import com.orderpay.order.domain.OrderItem;
import com.orderpay.order.domain.OrderStatus;
import com.orderpay.order.domain.OrderStatusChange;
import com.orderpay.order.domain.OrderStatusChange.Cause;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import com.orderpay.order.domain.OrderAlreadyPlacedException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Repository;

/**
 * Orders with their items, mapped between the aggregate and its tables. Every status it stores is also written to the
 * order's story ({@code order_status_change}) in the same local transaction, and only when the compare-and-set won:
 * the story never shows a change that lost its race.
 */
@Repository
public class OrderRepository {

    private final CustomerOrderMapper orders;
    private final OrderItemMapper items;
    private final OrderStatusChangeMapper story;

    public OrderRepository(CustomerOrderMapper orders, OrderItemMapper items, OrderStatusChangeMapper story) {
        this.orders = orders;
        this.items = items;
        this.story = story;
    }

    /**
     * Records a new order and its lines; {@code placedXid} is the global transaction placing it.
     *
     * @param placementKey the Idempotency-Key it is placed under: at most one live order per user and key
     * @throws OrderAlreadyPlacedException when the user has a live order under that key already
     */
    public void add(Order order, String placedXid, String placementKey) {
        CustomerOrderEntity row = new CustomerOrderEntity();
        row.setOrderNo(order.orderNo());
        row.setUserId(order.userId());
        row.setPlacementKey(placementKey);
        row.setStatus(order.status().name());
        row.setTotal(order.total());
        row.setPayNow(order.paysNow());
        row.setCreatedAt(order.createdAt());
        row.setExpiresAt(order.expiresAt());
        row.setUpdatedAt(order.updatedAt());
        row.setPlacedXid(placedXid);
        try {
            orders.insert(row);
        } catch (DuplicateKeyException e) {
            if (String.valueOf(e.getMessage()).contains("uk_customer_order_live_placement_key")) {
                throw new OrderAlreadyPlacedException(order.userId(), placementKey);
            }
            throw e;
        }
        items.insertAll(order.items().stream().map(item -> itemRow(order.orderNo(), item)).toList());
        record(order, null, placedXid, Cause.PLACEMENT_TRIED);
    }

    /** The live (not REJECTED) order the user placed under this Idempotency-Key. */
    public Optional<Order> findLive(String userId, String placementKey) {
        CustomerOrderEntity row = orders.findLiveByPlacementKey(userId, placementKey);
        return row == null ? Optional.empty() : Optional.of(withItems(List.of(row)).get(0));
    }

    /** The Idempotency-Key of the order's latest payment attempt, if it had one. */
    public Optional<String> paymentKeyOf(String orderNo) {
        CustomerOrderEntity row = orders.selectById(orderNo);
        return row == null ? Optional.empty() : Optional.ofNullable(row.getPaymentKey());
    }

    /**
     * What the user holds unpaid, counted after locking the user's row: concurrent callers in other transactions
     * wait here until this one ends, so their counts include what this one adds.
     */
    public UnpaidHoldings lockAndCountUnpaid(String userId) {
        orders.lockBuyer(userId);
        return countUnpaid(userId);
    }

    /** What the user holds unpaid now (no lock: a cheap early refusal). */
    public UnpaidHoldings countUnpaid(String userId) {
        Map<String, Object> row = orders.unpaidHoldingsOf(userId);
        return new UnpaidHoldings(((Number) row.get("orders")).longValue(), ((Number) row.get("units")).longValue());
    }

    public Optional<Order> find(String orderNo) {
        CustomerOrderEntity row = orders.selectById(orderNo);
        return row == null ? Optional.empty() : Optional.of(withItems(List.of(row)).get(0));
    }

    /** The order a placing global transaction recorded, if its Try ran. */
    public Optional<Order> findPlacedBy(String xid) {
        CustomerOrderEntity row = orders.findByPlacedXid(xid);
        return row == null ? Optional.empty() : Optional.of(withItems(List.of(row)).get(0));
    }

    /**
     * Stores the transition the aggregate just made, only if the row is still in {@code from}.
     *
     * @return false when another transition won the race
     */
    public boolean saveTransition(Order order, OrderStatus from, String xid, Cause cause) {
        return recorded(orders.transition(order.orderNo(), from.name(), order.status().name(), order.expiresAt(),
                order.updatedAt()) == 1, order, from, xid, cause);
    }

    /** The order a payment's global transaction moved to PAYING, if its Try ran. */
    public Optional<Order> findPaymentBy(String paymentXid) {
        CustomerOrderEntity row = orders.findByPaymentXid(paymentXid);
        return row == null ? Optional.empty() : Optional.of(withItems(List.of(row)).get(0));
    }

    /**
     * Stores a payment's start (the aggregate just moved to PAYING at its {@code updatedAt}) only if the order still
     * awaits payment, belongs to its user and is not past its deadline at that moment.
     *
     * @return false when a cancellation, an expiry or another payment won
     */
    public boolean saveStartedPayment(Order order, String paymentXid, String paymentKey) {
        return recorded(orders.startPayment(order.orderNo(), order.userId(), paymentXid, paymentKey,
                order.updatedAt()) == 1, order, OrderStatus.AWAITING_PAYMENT, paymentXid, Cause.PAYMENT_STARTED);
    }

    /** Stores the end of the payment {@code paymentXid} (PAID or AWAITING_PAYMENT), only if it is still PAYING. */
    public boolean saveFinishedPayment(Order order, String paymentXid, Cause cause) {
        return recorded(orders.finishPayment(paymentXid, order.status().name(), order.updatedAt()) == 1, order,
                OrderStatus.PAYING, paymentXid, cause);
    }

    /** @return false when the order no longer awaited payment (a payment or an expiry won) */
    public boolean saveCancellation(Order order) {
        return recorded(orders.cancelUnpaid(order.orderNo(), order.userId(), order.updatedAt()) == 1, order,
                OrderStatus.AWAITING_PAYMENT, null, Cause.CANCELLED_BY_BUYER);
    }

    /** @return false when the order no longer awaited payment, or was not past its deadline at {@code updatedAt} */
    public boolean saveExpiry(Order order, Cause cause) {
        return recorded(orders.expireUnpaid(order.orderNo(), order.updatedAt()) == 1, order,
                OrderStatus.AWAITING_PAYMENT, null, cause);
    }

    /** The order's story, oldest change first. */
    public List<OrderStatusChange> storyOf(String orderNo) {
        return story.storyOf(orderNo).stream().map(row -> new OrderStatusChange(
                row.fromStatus == null ? null : OrderStatus.valueOf(row.fromStatus), OrderStatus.valueOf(row.toStatus),
                row.changedAt, row.xid, Cause.valueOf(row.cause))).toList();
    }

    private boolean recorded(boolean won, Order order, OrderStatus from, String xid, Cause cause) {
        if (won) {
            record(order, from, xid, cause);
        }
        return won;
    }

    private void record(Order order, OrderStatus from, String xid, Cause cause) {
        OrderStatusChangeEntity row = new OrderStatusChangeEntity();
        row.orderNo = order.orderNo();
        row.fromStatus = from == null ? null : from.name();
        row.toStatus = order.status().name();
        row.changedAt = order.updatedAt();
        row.xid = xid;
        row.cause = cause.name();
        story.insert(row);
    }

    public long countAwaitingPayment() {
        return orders.countAwaitingPayment();
    }

    /** Orders awaiting payment that were placed before {@code before}. */
    public long countAwaitingPaymentPlacedBefore(Instant before) {
        return orders.countAwaitingPaymentPlacedBefore(before);
    }

    /** A user's orders newest first, strictly after {@code (afterCreatedAt, afterOrderNo)} when given. */
    public List<Order> pageOf(String userId, OrderStatus status, Instant afterCreatedAt, String afterOrderNo, int limit) {
        return withItems(orders.pageOf(userId, status == null ? null : status.name(), afterCreatedAt, afterOrderNo,
                limit));
    }

    private List<Order> withItems(List<CustomerOrderEntity> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<OrderItem>> itemsByOrder = new LinkedHashMap<>();
        rows.forEach(row -> itemsByOrder.put(row.getOrderNo(), new ArrayList<>()));
        for (OrderItemEntity item : items.itemsOf(itemsByOrder.keySet())) {
            itemsByOrder.get(item.getOrderNo())
                    .add(new OrderItem(item.getSkuId(), item.getQuantity(), item.getUnitPrice()));
        }
        return rows.stream().map(row -> Order.restore(row.getOrderNo(), row.getUserId(),
                OrderStatus.valueOf(row.getStatus()), itemsByOrder.get(row.getOrderNo()), row.getTotal(),
                row.getPayNow(), row.getCreatedAt(), row.getExpiresAt(), row.getUpdatedAt())).toList();
    }

    private static OrderItemEntity itemRow(String orderNo, OrderItem item) {
        OrderItemEntity row = new OrderItemEntity();
        row.setOrderNo(orderNo);
        row.setSkuId(item.skuId());
        row.setQuantity(item.quantity());
        row.setUnitPrice(item.unitPrice());
        return row;
    }
}
