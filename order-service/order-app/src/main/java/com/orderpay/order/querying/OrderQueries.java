package com.orderpay.order.querying;

import com.orderpay.order.api.OrderPageResponse;
import com.orderpay.order.domain.Order;
import com.orderpay.order.domain.OrderStatus;
import com.orderpay.order.persistence.OrderRepository;
import com.orderpay.order.web.OrderResponses;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Reading orders: a user sees only their own; internal callers see any. */
@Service
public class OrderQueries {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private final OrderRepository orders;

    public OrderQueries(OrderRepository orders) {
        this.orders = orders;
    }

    /** The caller's order; someone else's answers 404 exactly like an unknown one (no existence leak). */
    public Order ownOrder(String userId, String orderNo) {
        return orders.find(orderNo).filter(order -> order.isOwnedBy(userId))
                .orElseThrow(() -> ProblemException.notFound("Order " + orderNo));
    }

    public Order anyOrder(String orderNo) {
        return orders.find(orderNo).orElseThrow(() -> ProblemException.notFound("Order " + orderNo));
    }

    /**
     * The caller's orders, newest first.
     *
     * @param status null for all, else one {@link OrderStatus} name
     * @param limit  null for {@value #DEFAULT_LIMIT}, else 1-{@value #MAX_LIMIT}
     * @param cursor null for the first page, else the {@code nextCursor} of the previous page
     */
    public OrderPageResponse ownOrders(String userId, String status, Integer limit, String cursor) {
        OrderStatus wanted = status == null || status.isBlank() ? null : statusOf(status);
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ProblemException.invalidParameter("limit", "must be 1-" + MAX_LIMIT);
        }
        OrderCursor after = cursor == null || cursor.isBlank() ? null : OrderCursor.decode(cursor);
        // One more than asked tells whether another page exists without counting.
        List<Order> found = orders.pageOf(userId, wanted, after == null ? null : after.createdAt(),
                after == null ? null : after.orderNo(), size + 1);
        List<Order> page = found.size() > size ? found.subList(0, size) : found;
        String next = found.size() > size
                ? new OrderCursor(page.get(size - 1).createdAt(), page.get(size - 1).orderNo()).encode()
                : null;
        return new OrderPageResponse(page.stream().map(OrderResponses::of).toList(), next);
    }

    private static OrderStatus statusOf(String status) {
        try {
            return OrderStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidParameter("status", "must be one of " + List.of(OrderStatus.values()));
        }
    }

}
